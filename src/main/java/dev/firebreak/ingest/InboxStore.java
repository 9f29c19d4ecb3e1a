package dev.firebreak.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.firebreak.sql.Jdbc;
import dev.firebreak.sql.TextColumns;

/**
 * SQL for the inbox (every accepted message once) and the quarantine (every unprocessable message once).
 */
@ApplicationScoped
public class InboxStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Records messages in one statement, in order, each unless its id or content was seen before (earlier in the same
     * list included); per message its inbox id, or empty for a duplicate.
     */
    List<Optional<Long>> insertAll(Connection c, List<NewMessage> messages, int rawJsonMaxBytes) throws SQLException {
        TextColumns rows = new TextColumns(14);
        for (NewMessage m : messages) {
            byte[] raw = m.rawJson().getBytes(StandardCharsets.UTF_8);
            boolean truncated = raw.length > rawJsonMaxBytes;
            String kept = truncated ? new String(Arrays.copyOf(raw, rawJsonMaxBytes), StandardCharsets.UTF_8) : m.rawJson();
            InboundMessage message = m.message();
            rows.row(message.messageId(), m.contentKey(), message.transport().wireName(), message.subscription(),
                    message.publishTime(), message.deliveryAttempt(), json(message.attributes()), m.receivedAt(), m.outcome(),
                    m.schemaVersion(), m.sourceIncidentId(), m.sourceState(), kept.replace("\u0000", ""), truncated);
        }
        // inserted rows are unique on content key; the one that was inserted is the first message with its id and key
        Map<String, InsertedRow> inserted = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inbox_message (message_id, content_key, transport, subscription, publish_time, delivery_attempt,"
                        + " attributes, received_at, outcome, schema_version, source_incident_id, source_state, raw_json,"
                        + " raw_truncated) SELECT r.message_id, r.content_key, r.transport, r.subscription,"
                        + " r.publish_time::timestamptz, r.delivery_attempt::integer, r.attributes::jsonb,"
                        + " r.received_at::timestamptz, r.outcome, r.schema_version, r.source_incident_id, r.source_state,"
                        + " r.raw_json, r.raw_truncated::boolean FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
                        + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                        + " ?::text[]) WITH ORDINALITY AS r (message_id, content_key, transport, subscription, publish_time,"
                        + " delivery_attempt, attributes, received_at, outcome, schema_version, source_incident_id,"
                        + " source_state, raw_json, raw_truncated, n) ORDER BY r.n"
                        + " ON CONFLICT DO NOTHING RETURNING id, message_id, content_key")) {
            rows.bind(c, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.put(rs.getString(3), new InsertedRow(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        List<Optional<Long>> ids = new ArrayList<>(messages.size());
        for (NewMessage m : messages) {
            InsertedRow row = inserted.get(m.contentKey());
            if (row != null && !row.claimed && Objects.equals(row.messageId, m.message().messageId())) {
                row.claimed = true;
                ids.add(Optional.of(row.id));
            } else {
                ids.add(Optional.empty());
            }
        }
        return ids;
    }

    /**
     * A message to record in the inbox.
     *
     * @param message the transport message
     * @param contentKey its content key
     * @param outcome its outcome so far
     * @param schemaVersion the notification's schema version
     * @param sourceIncidentId the notification's incident id
     * @param sourceState the notification's state as sent
     * @param rawJson the notification as received
     * @param receivedAt when it was received
     */
    record NewMessage(InboundMessage message, String contentKey, String outcome, String schemaVersion,
            String sourceIncidentId, String sourceState, String rawJson, Instant receivedAt) {
    }

    /** An inbox row the insert returned, and whether a message of the list was matched to it. */
    private static final class InsertedRow {
        final long id;
        final String messageId;
        boolean claimed;

        InsertedRow(long id, String messageId) {
            this.id = id;
            this.messageId = messageId;
        }
    }

    /** Sets the final outcome (and incident) of recorded messages, in one statement. */
    void completeAll(Connection c, List<Completion> completions) throws SQLException {
        if (completions.isEmpty()) {
            return;
        }
        TextColumns rows = new TextColumns(3);
        for (Completion done : completions) {
            rows.row(done.inboxId(), done.outcome(), done.incidentId());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_message m SET outcome = r.outcome,"
                + " incident_id = r.incident_id::bigint FROM unnest(?::text[], ?::text[], ?::text[]) AS r (id, outcome,"
                + " incident_id) WHERE m.id = r.id::bigint")) {
            rows.bind(c, ps, 1);
            ps.executeUpdate();
        }
    }

    /**
     * The final outcome of a recorded message.
     *
     * @param inboxId its inbox id
     * @param outcome its outcome (wire name)
     * @param incidentId the incident it touched, may be null
     */
    record Completion(long inboxId, String outcome, Long incidentId) {
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
