package dev.firebreak.ingest.gcm;

import dev.firebreak.alert.Alert;

/**
 * Outcome of parsing one Cloud Monitoring notification.
 */
public sealed interface GcmParseResult {

    /**
     * A usable notification.
     *
     * @param alert the normalized alert
     * @param contentKey SHA-256 (hex) of the canonical JSON: equal for the same notification however it was re-encoded
     * @param json the decoded JSON text as received
     * @param knownVersion false for a schema version we have not seen (parsed best effort, flagged)
     */
    record Parsed(Alert alert, String contentKey, String json, boolean knownVersion) implements GcmParseResult {
    }

    /**
     * Not a usable notification; permanent, so the message is quarantined rather than retried.
     *
     * @param code short machine reason, e.g. {@code not_json}
     * @param detail one human sentence
     */
    record Rejected(String code, String detail) implements GcmParseResult {
    }
}
