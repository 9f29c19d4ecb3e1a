package dev.firebreak.alert;

import java.util.Locale;

/**
 * The alert policy severity as the source sends it; {@link #UNSPECIFIED} covers absent and "No severity".
 */
public enum SourceSeverity {
    CRITICAL, ERROR, WARNING, UNSPECIFIED;

    /** Parses the display string case-insensitively; anything unknown is {@link #UNSPECIFIED}. */
    public static SourceSeverity parse(String raw) {
        if (raw == null) {
            return UNSPECIFIED;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "critical" -> CRITICAL;
            case "error" -> ERROR;
            case "warning" -> WARNING;
            default -> UNSPECIFIED;
        };
    }
}
