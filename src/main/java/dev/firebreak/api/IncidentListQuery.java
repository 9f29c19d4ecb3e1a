package dev.firebreak.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.firebreak.alert.Severity;
import dev.firebreak.http.ProblemException;
import dev.firebreak.incident.IncidentFilter;
import dev.firebreak.incident.workflow.IncidentStatus;
import dev.firebreak.incident.workflow.ResponseStep;

/**
 * The query parameters of the incident list, taken as text and parsed here: any bad value is a 400 naming the
 * parameter, never JAX-RS's conversion 404.
 */
public class IncidentListQuery {
    /** Longest accepted search text. */
    static final int MAX_Q_LENGTH = 200;

    @QueryParam("status")
    @Parameter(description = "open, acknowledged, resolved or closed; repeatable or comma-separated")
    List<String> status;

    @QueryParam("severity")
    @Parameter(description = "critical, warning or info; repeatable or comma-separated")
    List<String> severity;

    @QueryParam("step")
    @Parameter(description = "the current response step, e.g. root_cause_analysis")
    String step;

    @QueryParam("q")
    @Parameter(description = "case-insensitive text in the title, policy, condition, summary, resource type or a resource"
            + " label value (at most 200 characters)")
    String q;

    @QueryParam("since")
    @Parameter(description = "opened at or after this RFC 3339 time")
    String since;

    @QueryParam("until")
    @Parameter(description = "opened before this RFC 3339 time")
    String until;

    @QueryParam("limit")
    @Parameter(description = "page size, 1 to 200 (default 50)")
    String limit;

    @QueryParam("cursor")
    @Parameter(description = "the nextCursor of the previous page")
    String cursor;

    /** The filter the parameters describe. */
    IncidentFilter filter() {
        Set<IncidentStatus> statuses = enums("status", status, IncidentStatus.class, IncidentStatus::fromWire);
        Set<Severity> severities = enums("severity", severity, Severity.class, Severity::fromWire);
        ResponseStep responseStep = null;
        if (step != null && !step.isBlank()) {
            responseStep = ResponseStep.fromWire(step).orElseThrow(() -> unknown("step", step, ResponseStep.values()));
        }
        if (q != null && q.length() > MAX_Q_LENGTH) {
            throw ProblemException.badRequest("q must be at most " + MAX_Q_LENGTH + " characters");
        }
        Instant from = TimeParams.instant("since", since);
        Instant to = TimeParams.instant("until", until);
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("since must not be after until");
        }
        return new IncidentFilter(statuses, severities, responseStep, q, from, to);
    }

    /** The page size. */
    int limit() {
        return Params.limit(limit);
    }

    /** The cursor as sent, null for the first page. */
    String cursor() {
        return cursor;
    }

    /** Values of a repeatable parameter, each possibly a comma-separated list; blanks are ignored. */
    private static <E extends Enum<E>> Set<E> enums(String name, List<String> raw, Class<E> type,
            Function<String, Optional<E>> parse) {
        Set<E> values = EnumSet.noneOf(type);
        if (raw == null) {
            return values;
        }
        for (String item : raw) {
            for (String value : item.split(",", -1)) {
                if (!value.isBlank()) {
                    values.add(parse.apply(value).orElseThrow(() -> unknown(name, value, type.getEnumConstants())));
                }
            }
        }
        return values;
    }

    private static ProblemException unknown(String name, String value, Enum<?>[] known) {
        return ProblemException.badRequest(name + " has an unknown value \"" + TimeParams.echo(value.trim())
                + "\"; expected one of "
                + Arrays.stream(known).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
