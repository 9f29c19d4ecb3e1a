package dev.firebreak.incident;

import java.time.Instant;
import java.util.Map;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.IncidentStatus;

/**
 * Counts and response times of the incidents opened in a time window.
 *
 * @param since start of the window (inclusive)
 * @param until end of the window (exclusive)
 * @param byStatus incidents by current status, every status present (zero when none)
 * @param bySeverity counts and response times by severity, every severity present
 */
public record IncidentStatsReport(Instant since, Instant until, Map<IncidentStatus, Long> byStatus,
        Map<Severity, SeverityStats> bySeverity) {

    public IncidentStatsReport {
        byStatus = Map.copyOf(byStatus);
        bySeverity = Map.copyOf(bySeverity);
    }

    /** All incidents in the window. */
    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The incidents of one severity.
     *
     * @param count incidents opened in the window
     * @param timeToAcknowledge acknowledged_at − opened_at over the acknowledged ones (MTTA)
     * @param timeToResolve resolved_at − opened_at over the resolved ones (MTTR)
     */
    public record SeverityStats(long count, Durations timeToAcknowledge, Durations timeToResolve) {
        static final SeverityStats NONE = new SeverityStats(0, Durations.NONE, Durations.NONE);
    }

    /**
     * Summary of a set of durations.
     *
     * @param samples how many durations there were
     * @param medianSeconds their median (continuous percentile 0.5), null when there were none
     * @param p90Seconds their 90th percentile (continuous), null when there were none
     */
    public record Durations(long samples, Double medianSeconds, Double p90Seconds) {
        static final Durations NONE = new Durations(0, null, null);
    }
}
