package dev.firebreak.alert;

/**
 * State of the source alert as the monitoring system reports it.
 */
public enum AlertState {
    /** The condition is met (Cloud Monitoring {@code open}). */
    FIRING,
    /** The condition is no longer met, or the incident was cancelled (Cloud Monitoring {@code closed}). */
    CLEARED,
    /** A state value we do not know; stored and flagged, never paged on. */
    UNKNOWN;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
