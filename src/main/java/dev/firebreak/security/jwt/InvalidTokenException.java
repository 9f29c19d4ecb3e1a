package dev.firebreak.security.jwt;

/**
 * A token was presented but is not acceptable; the message is a short human reason that never quotes the token.
 */
public final class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }

    /** The short human reason, e.g. "the token has expired". */
    public String reason() {
        return getMessage();
    }
}
