package dev.firebreak.alert;

import java.util.Locale;
import java.util.Optional;

/**
 * Firebreak's own severity of an incident.
 */
public enum Severity {
    /** Service unavailable or data-loss risk: page someone now. */
    CRITICAL,
    /** Degradation or approaching limits. */
    WARNING,
    /** Planned maintenance or configuration change. */
    INFO;

    /** The lower-case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name case-insensitively. */
    public static Optional<Severity> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Severity s : values()) {
            if (s.wireName().equalsIgnoreCase(value.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
