package dev.firebreak.api;

import jakarta.ws.rs.core.EntityTag;

import dev.firebreak.http.ProblemException;

/**
 * Incident versions as entity tags, for optimistic concurrency with {@code If-Match}.
 */
final class ETags {
    private ETags() {
    }

    static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version named by an {@code If-Match} header; null when absent or {@code *}. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be an ETag returned by this API, e.g. \"3\"");
        }
    }
}
