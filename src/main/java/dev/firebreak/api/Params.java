package dev.firebreak.api;

import dev.firebreak.http.ProblemException;

/**
 * Parsing of query parameters into 400 problems instead of JAX-RS's default 404 on conversion failure.
 */
final class Params {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private Params() {
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ProblemException.badRequest("limit must be an integer between 1 and " + MAX_LIMIT);
    }
}
