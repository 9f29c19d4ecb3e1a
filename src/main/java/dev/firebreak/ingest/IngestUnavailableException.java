package dev.firebreak.ingest;

/**
 * The message could not be committed now (database down, pool exhausted, timeout); the transport must not
 * acknowledge it, so Pub/Sub redelivers.
 */
public class IngestUnavailableException extends RuntimeException {
    public IngestUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
