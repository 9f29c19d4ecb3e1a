package dev.firebreak.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.firebreak.sql.Jdbc;

/**
 * SQL for the inbox (every accepted message once) and the quarantine (every unprocessable message once).
 */
@ApplicationScoped
public class InboxStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records the message unless its id or content was seen before; empty means duplicate. */
    Optional<Long> insert(Connection c, InboundMessage message, String contentKey, String outcome, String schemaVersion,
            String sourceIncidentId, String sourceState, String rawJson, int rawJsonMaxBytes, Instant now)
            throws SQLException {
        byte[] raw = rawJson.getBytes(StandardCharsets.UTF_8);
        boolean truncated = raw.length > rawJsonMaxBytes;
        String kept = truncated ? new String(Arrays.copyOf(raw, rawJsonMaxBytes), StandardCharsets.UTF_8) : rawJson;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inbox_message (message_id, content_key, transport, subscription, publish_time, delivery_attempt,"
                        + " attributes, received_at, outcome, schema_version, source_incident_id, source_state, raw_json,"
                        + " raw_truncated) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING RETURNING id")) {
            int i = 0;
            ps.setString(++i, message.messageId());
            ps.setString(++i, contentKey);
            ps.setString(++i, message.transport().wireName());
            ps.setString(++i, message.subscription());
            Jdbc.setInstant(ps, ++i, message.publishTime());
            Jdbc.setInteger(ps, ++i, message.deliveryAttempt());
            ps.setString(++i, json(message.attributes()));
            ps.setTimestamp(++i, Timestamp.from(now));
            ps.setString(++i, outcome);
            ps.setString(++i, schemaVersion);
            ps.setString(++i, sourceIncidentId);
            ps.setString(++i, sourceState);
            ps.setString(++i, kept.replace("\u0000", ""));
            ps.setBoolean(++i, truncated);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    void complete(Connection c, long inboxId, String outcome, Long incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_message SET outcome = ?, incident_id = ? WHERE id = ?")) {
            ps.setString(1, outcome);
            Jdbc.setLong(ps, 2, incidentId);
            ps.setLong(3, inboxId);
            ps.executeUpdate();
        }
    }

    /** Keeps an unprocessable message once per message id and content; false when it was already kept. */
    boolean quarantine(Connection c, InboundMessage message, String contentKey, String reasonCode, String reason,
            int maxBytes, Instant now) throws SQLException {
        byte[] data = message.data();
        boolean truncated = data.length > maxBytes;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO quarantine (message_id, content_key, transport, subscription, publish_time, attributes,"
                        + " reason_code, reason, raw, raw_size, raw_truncated, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            int i = 0;
            ps.setString(++i, message.messageId());
            ps.setString(++i, contentKey);
            ps.setString(++i, message.transport().wireName());
            ps.setString(++i, message.subscription());
            Jdbc.setInstant(ps, ++i, message.publishTime());
            ps.setString(++i, json(message.attributes()));
            ps.setString(++i, reasonCode);
            ps.setString(++i, reason);
            ps.setBytes(++i, truncated ? Arrays.copyOf(data, maxBytes) : data);
            ps.setInt(++i, data.length);
            ps.setBoolean(++i, truncated);
            ps.setTimestamp(++i, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    private static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(attributes)).replace("\\u0000", "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
