package dev.firebreak.incident.workflow;

import java.util.Locale;
import java.util.Optional;

/**
 * The five steps of the incident response runbook, in order.
 */
public enum ResponseStep {
    ASSESS_IMPACT, IMMEDIATE_RESPONSE, ROOT_CAUSE_ANALYSIS, RESOLUTION, POST_INCIDENT_REVIEW;

    /** The snake_case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name (case-insensitive, dashes accepted). */
    public static Optional<ResponseStep> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalized = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (ResponseStep step : values()) {
            if (step.name().equals(normalized)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** The step after this one, if any. */
    public Optional<ResponseStep> next() {
        int i = ordinal() + 1;
        return i < values().length ? Optional.of(values()[i]) : Optional.empty();
    }
}
