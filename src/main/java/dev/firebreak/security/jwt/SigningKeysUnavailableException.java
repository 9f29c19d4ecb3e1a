package dev.firebreak.security.jwt;

/**
 * No signing keys could be obtained (the JWKS host is unreachable or answers nonsense): a temporary failure on our side,
 * not a verdict on the token.
 */
public final class SigningKeysUnavailableException extends RuntimeException {
    public SigningKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
