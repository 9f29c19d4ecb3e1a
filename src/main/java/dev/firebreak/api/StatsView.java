package dev.firebreak.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Statistics of the incidents opened in a time window, as the API shows them.
 */
@Schema(description = "Counts and response times of the incidents opened in [since, until)")
public record StatsView(
        @Schema(description = "start of the window (inclusive)") Instant since,
        @Schema(description = "end of the window (exclusive)") Instant until,
        @Schema(description = "incidents opened in the window") long total,
        @Schema(description = "incidents opened in the window, by current status") StatusCounts byStatus,
        @Schema(description = "incidents opened in the window, by severity") SeverityCounts bySeverity,
        @Schema(description = "MTTA and MTTR by severity") ResponseTimesBySeverity responseTimes) {

    /** Incident counts by status; every status is present. */
    @Schema(description = "incident counts by status, every status present (0 when none)")
    public record StatusCounts(long open, long acknowledged, long resolved, long closed) {
    }

    /** Incident counts by severity; every severity is present. */
    @Schema(description = "incident counts by severity, every severity present (0 when none)")
    public record SeverityCounts(long critical, long warning, long info) {
    }

    /** Response times for each severity. */
    @Schema(description = "response times for each severity")
    public record ResponseTimesBySeverity(ResponseTimes critical, ResponseTimes warning, ResponseTimes info) {
    }

    /** Response times of the incidents of one severity. */
    @Schema(description = "response times of the incidents of one severity")
    public record ResponseTimes(
            @Schema(description = "MTTA: acknowledgedAt − openedAt") DurationSummary timeToAcknowledge,
            @Schema(description = "MTTR: resolvedAt − openedAt") DurationSummary timeToResolve) {
    }

    /** Median and 90th percentile of a set of durations. */
    @Schema(description = "continuous median and 90th percentile (PostgreSQL percentile_cont) of durations in seconds")
    public record DurationSummary(
            @Schema(description = "how many durations there were") long samples,
            @Schema(description = "median in seconds; null when there were none", nullable = true) Double medianSeconds,
            @Schema(description = "90th percentile in seconds; null when there were none", nullable = true) Double p90Seconds) {
    }
}
