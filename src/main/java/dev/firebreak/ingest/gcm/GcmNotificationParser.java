package dev.firebreak.ingest.gcm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;

/**
 * Parses Cloud Monitoring alert notifications (schema 1.2, 1.1, test, and unknown versions best effort) into
 * {@link Alert}s. Only {@code incident.incident_id} and {@code incident.state} are required; everything else is
 * optional, type-lenient, and unknown fields are ignored.
 *
 * <p>
 * Example (schema 1.2, abridged): {@code {"incident":{"incident_id":"0.nwg9th6llz4w","state":"open",
 * "started_at":1756293629,"ended_at":null,"policy_name":"…","condition_name":"…","resource":{"type":"gce_instance",
 * "labels":{…}},"severity":"Critical","summary":"…","url":"…"},"version":"1.2"}}
 */
public final class GcmNotificationParser {
    static final Set<String> KNOWN_VERSIONS = Set.of("1.1", "1.2", "test");

    private final ObjectMapper mapper;

    /** @param mapper a mapper with limits for untrusted input */
    public GcmNotificationParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses raw message data (UTF-8 JSON). Never throws for bad input. */
    public GcmParseResult parse(byte[] data) {
        if (data == null || data.length == 0) {
            return new GcmParseResult.Rejected("empty", "the message has no data");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return new GcmParseResult.Rejected("not_utf8", "the message data is not valid UTF-8");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            return new GcmParseResult.Rejected("json_limits", "the message data exceeds JSON parser limits");
        } catch (JsonProcessingException e) {
            return new GcmParseResult.Rejected("not_json", "the message data is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return new GcmParseResult.Rejected("not_notification", "the message data is not a JSON object");
        }
        JsonNode incident = root.get("incident");
        if (incident == null || !incident.isObject()) {
            return new GcmParseResult.Rejected("not_notification",
                    "the message data is not a Cloud Monitoring notification (no \"incident\" object)");
        }
        String incidentId = Json.text(incident, "incident_id");
        if (incidentId == null || incidentId.isBlank()) {
            return new GcmParseResult.Rejected("missing_incident_id", "the notification has no incident.incident_id");
        }
        String rawState = Json.text(incident, "state");
        if (rawState == null || rawState.isBlank()) {
            return new GcmParseResult.Rejected("missing_state", "the notification has no incident.state");
        }
        if (incidentId.length() > Json.MAX_NAME) {
            return new GcmParseResult.Rejected("invalid_incident_id", "incident.incident_id is too long");
        }
        String version = Json.text(root, "version");
        boolean test = version != null && version.trim().equalsIgnoreCase("test");
        Alert alert = GcmAlertMapper.toAlert(incident, incidentId.trim(), rawState.trim(), mapState(rawState),
                version == null ? null : version.trim(), test);
        return new GcmParseResult.Parsed(alert, ContentKey.of(root), text,
                version != null && KNOWN_VERSIONS.contains(version.trim().toLowerCase(Locale.ROOT)));
    }

    static AlertState mapState(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "open" -> AlertState.FIRING;
            case "closed" -> AlertState.CLEARED;
            default -> AlertState.UNKNOWN;
        };
    }
}
