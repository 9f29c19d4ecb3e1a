package dev.firebreak.classify;

/**
 * A classification catalog could not be read or is invalid; the message names the source, the rule and the problem.
 */
public class ClassificationCatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClassificationCatalogException(String message) {
        super(message);
    }

    public ClassificationCatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
