package dev.firebreak.testsupport;

import java.time.Duration;
import java.util.Random;

/**
 * Seeded random faults for {@link FakeSlack}: each Web API call independently fails with these probabilities (their
 * sum must stay below 1).
 *
 * @param seed seed of the random sequence
 * @param rateLimited probability of a 429 with {@code Retry-After: retryAfterSeconds}
 * @param serverError probability of an HTTP 500
 * @param okFalse probability of {@code ok:false} with {@code error}
 * @param error the {@code ok:false} error code
 * @param timeout probability of a call that is applied but answered after {@code timeoutDelay}
 * @param retryAfterSeconds {@code Retry-After} of the 429s
 * @param timeoutDelay delay of the "timeouts" (longer than the client's timeout)
 */
public record RandomSlackFaults(long seed, double rateLimited, double serverError, double okFalse, String error,
        double timeout, int retryAfterSeconds, Duration timeoutDelay) {

    public RandomSlackFaults {
        if (rateLimited + serverError + okFalse + timeout >= 1) {
            throw new IllegalArgumentException("fault probabilities must sum to less than 1");
        }
    }

    /** Draws the fault for the next call, or null for a normal answer. */
    SlackFault draw(Random random) {
        double roll = random.nextDouble();
        if ((roll -= rateLimited) < 0) {
            return SlackFault.rateLimited(retryAfterSeconds);
        }
        if ((roll -= serverError) < 0) {
            return SlackFault.httpError(500);
        }
        if ((roll -= okFalse) < 0) {
            return SlackFault.error(error);
        }
        if (roll - timeout < 0) {
            return SlackFault.timeout(timeoutDelay);
        }
        return null;
    }
}
