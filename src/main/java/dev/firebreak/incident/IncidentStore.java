package dev.firebreak.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.IncidentStatus;
import dev.firebreak.incident.workflow.WorkflowState;
import dev.firebreak.sql.Jdbc;

/**
 * The SQL of the ingest write path (like GoAlert's queries.sql): every statement one alert executes, on the caller's
 * transactional connection. Races between replicas are settled by unique indexes and row locks, never in memory.
 */
@ApplicationScoped
public class IncidentStore {
    static final String UNRESOLVED = "status IN ('open', 'acknowledged')";
    private static final String INCIDENT_COLUMNS = "id, status, severity, alert_state, alert_count, cleared_at, clear_reason,"
            + " opened_at, steps, acknowledged_at, acknowledged_by, resolved_at, closed_at, human_touched";

    /** The fields of an incident the ingest path reads and changes. */
    public static final class IncidentRow {
        long id;
        String status;
        String severity;
        String alertState;
        int alertCount;
        Instant clearedAt;
        String clearReason;
        Instant openedAt;
        String steps;
        Instant acknowledgedAt;
        String acknowledgedBy;
        Instant resolvedAt;
        Instant closedAt;
        boolean humanTouched;

        WorkflowState workflow() {
            return new WorkflowState(IncidentStatus.fromWire(status).orElseThrow(),
                    Severity.fromWire(severity).orElseThrow(), WorkflowCodec.steps(steps), openedAt, acknowledgedAt,
                    acknowledgedBy, resolvedAt, closedAt, humanTouched);
        }

        void workflow(WorkflowState state) {
            status = state.status().wireName();
            steps = WorkflowCodec.stepsJson(state.steps());
            acknowledgedAt = state.acknowledgedAt();
            acknowledgedBy = state.acknowledgedBy();
            resolvedAt = state.resolvedAt();
            closedAt = state.closedAt();
            humanTouched = state.humanTouched();
        }

        boolean unresolved() {
            return "open".equals(status) || "acknowledged".equals(status);
        }

        public long id() {
            return id;
        }
    }

    /** A source alert row. */
    record SourceAlertRow(long id, long incidentId, String state, Instant startedAt, Instant endedAt) {
    }

    Optional<SourceAlertRow> findSourceAlert(Connection c, String sourceIncidentId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, incident_id, state, started_at, ended_at FROM source_alert"
                        + " WHERE source_type = 'cloud_monitoring' AND source_incident_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, sourceIncidentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SourceAlertRow(rs.getLong(1), rs.getLong(2), rs.getString(3), Jdbc.instant(rs, 4),
                        Jdbc.instant(rs, 5)));
            }
        }
    }

    IncidentRow lockIncident(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + INCIDENT_COLUMNS + " FROM incident WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("incident " + id + " vanished");
                }
                return incidentRow(rs);
            }
        }
    }

    Optional<IncidentRow> lockUnresolvedByGroupingKey(Connection c, String groupingKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + INCIDENT_COLUMNS + " FROM incident WHERE grouping_key = ? AND " + UNRESOLVED + " FOR UPDATE")) {
            ps.setString(1, groupingKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(incidentRow(rs)) : Optional.empty();
            }
        }
    }

    /** The most recent resolved or closed incident with the grouping key, locked. */
    Optional<IncidentRow> lockLatestResolvedByGroupingKey(Connection c, String groupingKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INCIDENT_COLUMNS + " FROM incident"
                + " WHERE grouping_key = ? AND status IN ('resolved', 'closed') ORDER BY id DESC LIMIT 1 FOR UPDATE")) {
            ps.setString(1, groupingKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(incidentRow(rs)) : Optional.empty();
            }
        }
    }

    void moveSourceAlert(Connection c, long sourceAlertId, long incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE source_alert SET incident_id = ? WHERE id = ?")) {
            ps.setLong(1, incidentId);
            ps.setLong(2, sourceAlertId);
            ps.executeUpdate();
        }
    }

    /** Inserts a new unresolved incident unless one with the grouping key exists; empty when it lost that race. */
    Optional<Long> insertIncident(Connection c, Alert alert, String groupingKey, String title, Severity severity,
            String severityReason, Long relatedIncidentId, Instant now) throws SQLException {
        WorkflowState workflow = WorkflowState.initial(severity, now);
        boolean cleared = alert.state() == AlertState.CLEARED;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO incident (title, severity, severity_reason, status, alert_state, alert_count, grouping_key,"
                        + " opened_at, cleared_at, clear_reason, updated_at, source_incident_id, policy_name, condition_name,"
                        + " summary, resource_type, resource_labels, project_id, source_url, source_severity, started_at, ended_at,"
                        + " last_alert, steps, current_step, related_incident_id)"
                        + " VALUES (?, ?, ?, 'open', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)"
                        + " ON CONFLICT (grouping_key) WHERE " + UNRESOLVED + " DO NOTHING RETURNING id")) {
            int i = 0;
            ps.setString(++i, title);
            ps.setString(++i, severity.wireName());
            ps.setString(++i, severityReason);
            ps.setString(++i, cleared ? "cleared" : "firing");
            ps.setString(++i, groupingKey);
            ps.setTimestamp(++i, Timestamp.from(now));
            Jdbc.setInstant(ps, ++i, cleared ? clearedAt(alert, now) : null);
            ps.setString(++i, cleared ? clearReason(alert) : null);
            ps.setTimestamp(++i, Timestamp.from(now));
            ps.setString(++i, alert.sourceIncidentId());
            i = setSnapshot(ps, i, alert);
            ps.setString(++i, WorkflowCodec.stepsJson(workflow.steps()));
            ps.setString(++i, workflow.currentStep().wireName());
            Jdbc.setLong(ps, ++i, relatedIncidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Inserts the source alert unless another transaction did; empty when it lost that race. */
    Optional<Long> insertSourceAlert(Connection c, long incidentId, Alert alert, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO source_alert (incident_id, source_incident_id, state, started_at, ended_at, clear_reason,"
                        + " notification_count, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"
                        + " ON CONFLICT (source_type, source_incident_id) DO NOTHING RETURNING id")) {
            boolean cleared = alert.state() == AlertState.CLEARED;
            ps.setLong(1, incidentId);
            ps.setString(2, alert.sourceIncidentId());
            ps.setString(3, cleared ? "cleared" : "firing");
            Jdbc.setInstant(ps, 4, alert.startedAt());
            Jdbc.setInstant(ps, 5, alert.endedAt());
            ps.setString(6, cleared ? clearReason(alert) : null);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    void updateSourceAlert(Connection c, long id, Alert alert, Instant now) throws SQLException {
        boolean cleared = alert.state() == AlertState.CLEARED;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE source_alert SET state = ?, started_at = COALESCE(?, started_at), ended_at = ?, clear_reason = ?,"
                        + " notification_count = notification_count + 1, last_seen_at = ? WHERE id = ?")) {
            ps.setString(1, cleared ? "cleared" : "firing");
            Jdbc.setInstant(ps, 2, alert.startedAt());
            Jdbc.setInstant(ps, 3, cleared ? alert.endedAt() : null);
            ps.setString(4, cleared ? clearReason(alert) : null);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    boolean anyOtherFiring(Connection c, long incidentId, long exceptSourceAlertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM source_alert WHERE incident_id = ? AND id <> ? AND state = 'firing')")) {
            ps.setLong(1, incidentId);
            ps.setLong(2, exceptSourceAlertId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Writes the changed ingest fields and the latest source snapshot. */
    void updateIncident(Connection c, IncidentRow row, Alert latest, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incident SET alert_state = ?, alert_count = ?, cleared_at = ?, clear_reason = ?, updated_at = ?,"
                        + " version = version + 1, policy_name = ?, condition_name = ?, summary = ?, resource_type = ?,"
                        + " resource_labels = ?::jsonb, project_id = ?, source_url = ?, source_severity = ?, started_at = ?,"
                        + " ended_at = ?, last_alert = ?::jsonb, source_incident_id = ?, status = ?, steps = ?::jsonb, current_step = ?,"
                        + " acknowledged_at = ?, acknowledged_by = ?, resolved_at = ?, closed_at = ?, human_touched = ?"
                        + " WHERE id = ?")) {
            int i = 0;
            ps.setString(++i, row.alertState);
            ps.setInt(++i, row.alertCount);
            Jdbc.setInstant(ps, ++i, row.clearedAt);
            ps.setString(++i, row.clearReason);
            ps.setTimestamp(++i, Timestamp.from(now));
            i = setSnapshot(ps, i, latest);
            WorkflowState workflow = row.workflow();
            ps.setString(++i, latest.sourceIncidentId());
            ps.setString(++i, row.status);
            ps.setString(++i, row.steps);
            ps.setString(++i, workflow.currentStep() == null ? null : workflow.currentStep().wireName());
            Jdbc.setInstant(ps, ++i, row.acknowledgedAt);
            ps.setString(++i, row.acknowledgedBy);
            Jdbc.setInstant(ps, ++i, row.resolvedAt);
            Jdbc.setInstant(ps, ++i, row.closedAt);
            ps.setBoolean(++i, row.humanTouched);
            ps.setLong(++i, row.id);
            ps.executeUpdate();
        }
    }

    long appendTimeline(Connection c, long incidentId, Instant at, String type, String actor, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO timeline_event (incident_id, at, type, actor, detail) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, incidentId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, type);
            ps.setString(4, actor);
            ps.setString(5, detail);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void enqueueOutbox(Connection c, long incidentId, long timelineEventId, String kind, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (incident_id, timeline_event_id, kind, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, incidentId);
            ps.setLong(2, timelineEventId);
            ps.setString(3, kind);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    private static int setSnapshot(PreparedStatement ps, int i, Alert alert) throws SQLException {
        ps.setString(++i, alert.policyName());
        ps.setString(++i, alert.conditionName());
        ps.setString(++i, alert.summary());
        ps.setString(++i, alert.resource().type());
        ps.setString(++i, JsonText.of(alert.resource().labels()));
        ps.setString(++i, alert.projectId());
        ps.setString(++i, alert.url());
        ps.setString(++i, alert.severityRaw());
        Jdbc.setInstant(ps, ++i, alert.startedAt());
        Jdbc.setInstant(ps, ++i, alert.endedAt());
        ps.setString(++i, WorkflowCodec.alertJson(alert));
        return i;
    }

    static Instant clearedAt(Alert alert, Instant now) {
        return alert.endedAt() != null ? alert.endedAt() : now;
    }

    static String clearReason(Alert alert) {
        return alert.cancelled() ? "cancelled" : "recovered";
    }

    private static IncidentRow incidentRow(ResultSet rs) throws SQLException {
        IncidentRow row = new IncidentRow();
        row.id = rs.getLong(1);
        row.status = rs.getString(2);
        row.severity = rs.getString(3);
        row.alertState = rs.getString(4);
        row.alertCount = rs.getInt(5);
        row.clearedAt = Jdbc.instant(rs, 6);
        row.clearReason = rs.getString(7);
        row.openedAt = Jdbc.instant(rs, 8);
        row.steps = rs.getString(9);
        row.acknowledgedAt = Jdbc.instant(rs, 10);
        row.acknowledgedBy = rs.getString(11);
        row.resolvedAt = Jdbc.instant(rs, 12);
        row.closedAt = Jdbc.instant(rs, 13);
        row.humanTouched = rs.getBoolean(14);
        return row;
    }

}
