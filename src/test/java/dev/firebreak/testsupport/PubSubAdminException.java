package dev.firebreak.testsupport;

/** A non-2xx answer from the emulator's REST API, with the HTTP status and the emulator's error body. */
public final class PubSubAdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String responseBody;

    PubSubAdminException(String operation, int statusCode, String responseBody) {
        super(operation + " failed with HTTP " + statusCode + ": " + responseBody);
        this.statusCode = statusCode;
        this.responseBody = responseBody;
    }

    /** HTTP status, e.g. 404 (NOT_FOUND) or 409 (ALREADY_EXISTS). */
    public int statusCode() {
        return statusCode;
    }

    /** The emulator's JSON error body. */
    public String responseBody() {
        return responseBody;
    }
}
