package dev.firebreak.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.firebreak.alert.Severity;
import dev.firebreak.http.ProblemException;
import dev.firebreak.incident.IncidentStats;
import dev.firebreak.incident.IncidentStatsReport;
import dev.firebreak.incident.IncidentStatsReport.Durations;
import dev.firebreak.incident.IncidentStatsReport.SeverityStats;
import dev.firebreak.incident.workflow.IncidentStatus;

/**
 * Incident statistics: counts by status and severity, time to acknowledge and to resolve.
 */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stats")
public class StatsResource {
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    static final Duration MAX_WINDOW = Duration.ofDays(365);

    private final IncidentStats stats;
    private final Clock clock;

    public StatsResource(IncidentStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Statistics of the incidents opened in the last window, or in [since, until)")
    @APIResponse(responseCode = "200", description = "counts by status and severity, response times by severity")
    @APIResponse(responseCode = "400", description = "bad window, since or until (problem+json)")
    public StatsView get(
            @Parameter(description = "30m, 24h, 7d…: ends now; default 7d, max 365d") @QueryParam("window") String window,
            @Parameter(description = "window start, RFC 3339; default until − 7d") @QueryParam("since") String since,
            @Parameter(description = "window end (exclusive), RFC 3339; default now") @QueryParam("until") String until) {
        Duration length = TimeParams.window("window", window, MAX_WINDOW);
        Instant from = TimeParams.instant("since", since);
        Instant to = TimeParams.instant("until", until);
        if (length != null && (from != null || to != null)) {
            throw ProblemException.badRequest("use either window or since/until, not both");
        }
        if (to == null) {
            to = clock.instant();
        }
        if (from == null) {
            from = to.minus(length == null ? DEFAULT_WINDOW : length);
        }
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("since must be before until");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.badRequest("since/until may span at most " + MAX_WINDOW.toDays() + "d");
        }
        return view(stats.between(from, to));
    }

    private static StatsView view(IncidentStatsReport report) {
        return new StatsView(report.since(), report.until(), report.total(),
                new StatsView.StatusCounts(report.byStatus().get(IncidentStatus.OPEN),
                        report.byStatus().get(IncidentStatus.ACKNOWLEDGED), report.byStatus().get(IncidentStatus.RESOLVED),
                        report.byStatus().get(IncidentStatus.CLOSED)),
                new StatsView.SeverityCounts(report.bySeverity().get(Severity.CRITICAL).count(),
                        report.bySeverity().get(Severity.WARNING).count(), report.bySeverity().get(Severity.INFO).count()),
                new StatsView.ResponseTimesBySeverity(times(report.bySeverity().get(Severity.CRITICAL)),
                        times(report.bySeverity().get(Severity.WARNING)), times(report.bySeverity().get(Severity.INFO))));
    }

    private static StatsView.ResponseTimes times(SeverityStats stats) {
        return new StatsView.ResponseTimes(summary(stats.timeToAcknowledge()), summary(stats.timeToResolve()));
    }

    private static StatsView.DurationSummary summary(Durations durations) {
        return new StatsView.DurationSummary(durations.samples(), durations.medianSeconds(), durations.p90Seconds());
    }
}
