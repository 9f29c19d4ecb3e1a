package dev.firebreak.incident;

import java.util.List;

/**
 * What applying one alert notification did to the incidents.
 *
 * @param outcome the kind of change
 * @param incidentId the incident concerned, null when none was touched
 * @param severity the incident's severity (wire name), null when none was touched
 * @param events timeline event types appended, in order
 * @param incidentCleared true when this notification cleared the incident's alert state
 */
public record AlertApplyResult(Outcome outcome, Long incidentId, String severity, List<TimelineEventType> events,
        boolean incidentCleared) {

    /** Kinds of change. */
    public enum Outcome {
        /** A new incident was opened. */
        OPENED,
        /** An existing incident changed. */
        UPDATED,
        /** The notification repeats what is already recorded. */
        NO_CHANGE,
        /** An open notification older than the recorded close: ignored so it cannot re-fire a cleared alert. */
        STALE
    }
}
