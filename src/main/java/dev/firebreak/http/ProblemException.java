package dev.firebreak.http;

import java.util.Map;

/**
 * Thrown anywhere a request must end in a specific problem response.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String typeSlug;
    private final String title;
    private final String detail;
    private final Map<String, String> headers;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String typeSlug, String title, String detail) {
        this(status, typeSlug, title, detail, Map.of(), Map.of());
    }

    public ProblemException(int status, String typeSlug, String title, String detail, Map<String, String> headers,
            Map<String, Object> extensions) {
        super(title + (detail == null ? "" : ": " + detail), null, false, false);
        this.status = status;
        this.typeSlug = typeSlug;
        this.title = title;
        this.detail = detail;
        this.headers = Map.copyOf(headers);
        this.extensions = Map.copyOf(extensions);
    }

    /** 404 for an unknown resource. */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what);
    }

    /** 400 for invalid input. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail);
    }

    /** 409 for an action that conflicts with the current state. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict with the current state", detail);
    }

    public int status() {
        return status;
    }

    public String typeSlug() {
        return typeSlug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
