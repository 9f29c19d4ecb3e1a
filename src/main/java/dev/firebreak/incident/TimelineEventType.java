package dev.firebreak.incident;

import java.util.Locale;

/**
 * Kinds of timeline events written by alert ingestion. Workflow transitions add their own kinds.
 */
public enum TimelineEventType {
    /** A new incident was opened by a firing alert. */
    OPENED,
    /** A new incident was opened from a close notification that arrived before its open. */
    OPENED_CLEARED,
    /** Another source alert with the same grouping key joined the incident. */
    ALERT_JOINED,
    /** The source re-sent an open notification for an alert that is still firing. */
    ALERT_RENOTIFIED,
    /** A cleared source alert fired again. */
    ALERT_REFIRED,
    /** A source alert cleared. */
    ALERT_CLEARED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
