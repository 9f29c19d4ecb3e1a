package dev.firebreak.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Disjoint time windows in the distant past, so tests that seed incidents at controlled times can scope their queries
 * to rows only they wrote, although all tests share one database.
 */
public final class TestWindows {
    /** Random per run, so runs against a kept external database rarely meet old rows. */
    private static final Instant BASE = Instant.parse("1900-01-01T00:00:00Z")
            .plus(Duration.ofDays(ThreadLocalRandom.current().nextLong(365L * 50)));
    private static final AtomicLong NEXT_HOUR = new AtomicLong();

    private TestWindows() {
    }

    /** The start of a window of {@code length} that no other caller in this run overlaps. */
    public static Instant reserve(Duration length) {
        long hours = length.toHours() + 2;
        return BASE.plus(Duration.ofHours(NEXT_HOUR.getAndAdd(hours)));
    }
}
