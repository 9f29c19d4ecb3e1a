package dev.firebreak.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.firebreak.http.ProblemException;

/**
 * Parsing of time query parameters (RFC 3339 instants, windows like {@code 7d}) into 400 problems naming the
 * parameter.
 */
final class TimeParams {
    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,6})([dhm])");
    private static final int ECHO_LIMIT = 40;

    private TimeParams() {
    }

    /** An RFC 3339 date-time with an offset, e.g. {@code 2026-11-24T08:00:00Z}; null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim().toUpperCase(Locale.ROOT);
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        // an unencoded "+01:00" arrives as " 01:00" after query-string decoding
        text = text.replace(' ', '+');
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an RFC 3339 date-time with an offset, e.g."
                    + " 2026-11-24T08:00:00Z (got \"" + echo(value) + "\")");
        }
    }

    /** A window like {@code 30m}, {@code 24h} or {@code 7d}, at most {@code max}; null when absent. */
    static Duration window(String name, String value, Duration max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = WINDOW.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration window = switch (m.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            };
            if (window.compareTo(max) <= 0) {
                return window;
            }
        }
        throw ProblemException.badRequest(name + " must be a positive number of minutes, hours or days (e.g. 30m, 24h,"
                + " 7d), at most " + max.toDays() + "d (got \"" + echo(value) + "\")");
    }

    /** The value clipped for an error message, never echoing a whole huge parameter back. */
    static String echo(String value) {
        return value.length() > ECHO_LIMIT ? value.substring(0, ECHO_LIMIT) + "…" : value;
    }
}
