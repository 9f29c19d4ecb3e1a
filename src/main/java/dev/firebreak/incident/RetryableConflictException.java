package dev.firebreak.incident;

import java.sql.SQLException;

/**
 * A concurrent writer changed what this transaction relied on; the whole transaction is safe to retry.
 */
public class RetryableConflictException extends SQLException {
    /** PostgreSQL's serialization_failure state, so one retry check covers both. */
    public static final String SQL_STATE = "40001";

    public RetryableConflictException(String message) {
        super(message, SQL_STATE);
    }
}
