package dev.firebreak.api;

import java.time.Instant;

/**
 * One timeline entry as the API shows it.
 */
public record TimelineEntryView(Instant at, String type, String actor, String detail) {
}
