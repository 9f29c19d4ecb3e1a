package dev.firebreak.incident;

/**
 * A person's command could not be applied.
 */
public class IncidentCommandException extends RuntimeException {
    /** Why. */
    public enum Kind {
        /** No such incident. */
        NOT_FOUND,
        /** Not legal in the incident's current state. */
        CONFLICT,
        /** The caller's version of the incident is stale. */
        STALE_VERSION,
        /** The command itself is invalid. */
        INVALID
    }

    private final Kind kind;

    public IncidentCommandException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
