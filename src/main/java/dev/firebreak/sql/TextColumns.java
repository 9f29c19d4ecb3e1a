package dev.firebreak.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one set-based statement, bound column by column as text arrays (read back with
 * {@code unnest(?::text[], …)} and a cast per column), so the statement text stays the same whatever the number of rows
 * and the driver keeps reusing its server-side prepared statement.
 */
public final class TextColumns {
    private final int width;
    private final List<String[]> rows = new ArrayList<>();

    public TextColumns(int width) {
        this.width = width;
    }

    /** Adds one row: null stays NULL, an instant becomes an ISO timestamp (microseconds), anything else its text. */
    public TextColumns row(Object... values) {
        if (values.length != width) {
            throw new IllegalArgumentException("expected " + width + " values, got " + values.length);
        }
        String[] row = new String[width];
        for (int i = 0; i < width; i++) {
            row[i] = text(values[i]);
        }
        rows.add(row);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Binds the columns as text arrays from parameter {@code index} on; returns the next free parameter index. */
    public int bind(Connection c, PreparedStatement ps, int index) throws SQLException {
        for (int column = 0; column < width; column++) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = rows.get(r)[column];
            }
            ps.setArray(index++, c.createArrayOf("text", values));
        }
        return index;
    }

    /** A timestamp as PostgreSQL reads it, rounded to its microsecond precision like the driver rounds a Timestamp. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
        }
        return value.toString();
    }
}
