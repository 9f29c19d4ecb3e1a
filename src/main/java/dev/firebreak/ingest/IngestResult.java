package dev.firebreak.ingest;

import java.util.Locale;

/**
 * What the pipeline did with one message; every outcome here is final, so the message may be acknowledged.
 *
 * @param outcome the outcome
 * @param incidentId incident touched, may be null
 * @param reasonCode machine reason for quarantine, else null
 * @param reason human reason for quarantine, else null
 */
public record IngestResult(Outcome outcome, Long incidentId, String reasonCode, String reason) {

    /** Final outcomes of one message. */
    public enum Outcome {
        /** A new incident was opened. */
        OPENED,
        /** An incident changed. */
        UPDATED,
        /** Recorded; it repeated what was already known. */
        NO_CHANGE,
        /** Recorded; an open older than the recorded close, ignored. */
        STALE,
        /** Already received (same message id or same content). */
        DUPLICATE,
        /** A console test notification: recorded, never an incident. */
        TEST,
        /** A notification with a state we do not know: recorded and flagged, never paged. */
        UNKNOWN_STATE,
        /** Permanently unprocessable: kept in quarantine. */
        QUARANTINED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static IngestResult of(Outcome outcome, Long incidentId) {
        return new IngestResult(outcome, incidentId, null, null);
    }
}
