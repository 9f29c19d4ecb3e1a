package dev.firebreak.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.IncidentStatsReport.Durations;
import dev.firebreak.incident.IncidentStatsReport.SeverityStats;
import dev.firebreak.incident.workflow.IncidentStatus;

/**
 * Incident statistics over a window of opened-at times, aggregated in PostgreSQL ({@code percentile_cont}) in one
 * statement, so the counts and percentiles come from one snapshot.
 */
@ApplicationScoped
public class IncidentStats {
    /**
     * Durations before opened_at (clock skew, hand-edited rows) are left out rather than pulling the percentiles
     * below zero.
     */
    private static final String ACK_SECONDS = "CAST(EXTRACT(EPOCH FROM acknowledged_at - opened_at) AS double precision)";
    private static final String RESOLVE_SECONDS = "CAST(EXTRACT(EPOCH FROM resolved_at - opened_at) AS double precision)";
    private static final String ACKNOWLEDGED = "acknowledged_at >= opened_at";
    private static final String RESOLVED = "resolved_at >= opened_at";
    private static final String WINDOW = " FROM incident WHERE opened_at >= ? AND opened_at < ?";
    private static final String SQL = "SELECT 'severity' AS dimension, severity AS value, count(*),"
            + " count(*) FILTER (WHERE " + ACKNOWLEDGED + "),"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY " + ACK_SECONDS + ") FILTER (WHERE " + ACKNOWLEDGED + "),"
            + " percentile_cont(0.9) WITHIN GROUP (ORDER BY " + ACK_SECONDS + ") FILTER (WHERE " + ACKNOWLEDGED + "),"
            + " count(*) FILTER (WHERE " + RESOLVED + "),"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY " + RESOLVE_SECONDS + ") FILTER (WHERE " + RESOLVED + "),"
            + " percentile_cont(0.9) WITHIN GROUP (ORDER BY " + RESOLVE_SECONDS + ") FILTER (WHERE " + RESOLVED + ")"
            + WINDOW + " GROUP BY severity"
            + " UNION ALL"
            + " SELECT 'status', status, count(*), NULL, NULL, NULL, NULL, NULL, NULL" + WINDOW + " GROUP BY status";

    private final DataSource dataSource;

    public IncidentStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Statistics of the incidents opened at or after {@code since} and before {@code until}. */
    public IncidentStatsReport between(Instant since, Instant until) {
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until");
        }
        Map<IncidentStatus, Long> byStatus = new EnumMap<>(IncidentStatus.class);
        Map<Severity, SeverityStats> bySeverity = new EnumMap<>(Severity.class);
        for (IncidentStatus status : IncidentStatus.values()) {
            byStatus.put(status, 0L);
        }
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, SeverityStats.NONE);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setTimestamp(2, Timestamp.from(until));
            ps.setTimestamp(3, Timestamp.from(since));
            ps.setTimestamp(4, Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(2);
                    if ("status".equals(rs.getString(1))) {
                        long count = rs.getLong(3);
                        IncidentStatus.fromWire(value).ifPresent(status -> byStatus.put(status, count));
                    } else {
                        SeverityStats stats = new SeverityStats(rs.getLong(3),
                                new Durations(rs.getLong(4), doubleValue(rs, 5), doubleValue(rs, 6)),
                                new Durations(rs.getLong(7), doubleValue(rs, 8), doubleValue(rs, 9)));
                        Severity.fromWire(value).ifPresent(severity -> bySeverity.put(severity, stats));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("incident statistics could not be read", e);
        }
        return new IncidentStatsReport(since, until, byStatus, bySeverity);
    }

    private static Double doubleValue(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
