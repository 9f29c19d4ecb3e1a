package dev.firebreak.incident;

/**
 * A page cursor that was not issued by this service (garbage, truncated or edited).
 */
public class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException(String message) {
        super(message);
    }
}
