package dev.firebreak.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.IncidentStatus;
import dev.firebreak.incident.workflow.WorkflowState;
import dev.firebreak.sql.Jdbc;
import dev.firebreak.sql.TextColumns;

/**
 * The SQL of the ingest write path (like GoAlert's queries.sql): every statement one alert executes, on the caller's
 * transactional connection. Races between replicas are settled by unique indexes and row locks, never in memory.
 */
@ApplicationScoped
public class IncidentStore {
    static final String UNRESOLVED = "status IN ('open', 'acknowledged')";
    private static final String INCIDENT_COLUMNS = "id, status, severity, alert_state, alert_count, cleared_at, clear_reason,"
            + " opened_at, steps, acknowledged_at, acknowledged_by, resolved_at, closed_at, human_touched";
    private static final String INCIDENT_COLUMNS_OF_I = "i." + INCIDENT_COLUMNS.replace(", ", ", i.");

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

    /** The source alerts already recorded for these source incident ids, by id; unlocked, like the lookup of one. */
    Map<String, SourceAlertRow> findSourceAlerts(Connection c, Collection<String> sourceIncidentIds) throws SQLException {
        Map<String, SourceAlertRow> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, incident_id, state, started_at, ended_at, source_incident_id FROM source_alert"
                        + " WHERE source_type = 'cloud_monitoring' AND source_incident_id = ANY (?::text[])")) {
            ps.setArray(1, c.createArrayOf("text", sourceIncidentIds.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(6), new SourceAlertRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            Jdbc.instant(rs, 4), Jdbc.instant(rs, 5)));
                }
            }
        }
        return found;
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

    /**
     * What is recorded under each grouping key, locked in id order: its unresolved incident and its most recent resolved
     * or closed one (one statement for both lookups, and for all keys of a batch).
     */
    Map<String, KeyIncidents> lockByGroupingKeys(Connection c, Collection<String> groupingKeys) throws SQLException {
        Map<String, KeyIncidents> found = new HashMap<>();
        if (groupingKeys.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INCIDENT_COLUMNS_OF_I + ", i.grouping_key"
                + " FROM unnest(?::text[]) AS k (grouping_key) CROSS JOIN LATERAL"
                + " ((SELECT id FROM incident WHERE grouping_key = k.grouping_key AND " + UNRESOLVED + ")"
                + " UNION ALL (SELECT id FROM incident WHERE grouping_key = k.grouping_key AND status IN ('resolved', 'closed')"
                + " ORDER BY id DESC LIMIT 1)) AS x JOIN incident i ON i.id = x.id ORDER BY i.id FOR UPDATE OF i")) {
            ps.setArray(1, c.createArrayOf("text", groupingKeys.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IncidentRow row = incidentRow(rs);
                    found.merge(rs.getString(15), KeyIncidents.NONE.with(row), (a, b) -> a.with(row));
                }
            }
        }
        return found;
    }

    /**
     * The incidents recorded under one grouping key.
     *
     * @param unresolved its open or acknowledged incident, null when none
     * @param latestResolved its most recent resolved or closed incident, null when none
     */
    record KeyIncidents(IncidentRow unresolved, IncidentRow latestResolved) {
        static final KeyIncidents NONE = new KeyIncidents(null, null);

        KeyIncidents with(IncidentRow row) {
            if (row.unresolved()) {
                return unresolved == null ? new KeyIncidents(row, latestResolved) : this;
            }
            return latestResolved == null || row.id > latestResolved.id ? new KeyIncidents(unresolved, row) : this;
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
    Optional<Long> insertIncident(Connection c, NewIncident incident) throws SQLException {
        return insertIncidents(c, List.of(incident)).get(0);
    }

    /**
     * Inserts new unresolved incidents (distinct grouping keys) in one statement, in order; per incident its id, or empty
     * when an unresolved incident with its grouping key exists (another replica won the race).
     */
    List<Optional<Long>> insertIncidents(Connection c, List<NewIncident> incidents) throws SQLException {
        TextColumns rows = new TextColumns(23);
        for (NewIncident n : incidents) {
            Alert alert = n.alert();
            WorkflowState workflow = WorkflowState.initial(n.severity(), n.now());
            boolean cleared = alert.state() == AlertState.CLEARED;
            rows.row(n.title(), n.severity().wireName(), n.severityReason(), cleared ? "cleared" : "firing", n.groupingKey(),
                    n.now(), cleared ? clearedAt(alert, n.now()) : null, cleared ? clearReason(alert) : null,
                    alert.sourceIncidentId(), alert.policyName(), alert.conditionName(), alert.summary(),
                    alert.resource().type(), JsonText.of(alert.resource().labels()), alert.projectId(), alert.url(),
                    alert.severityRaw(), alert.startedAt(), alert.endedAt(), WorkflowCodec.alertJson(alert),
                    WorkflowCodec.stepsJson(workflow.steps()), workflow.currentStep().wireName(), n.relatedIncidentId());
        }
        Map<String, Long> created = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO incident (title, severity, severity_reason, status, alert_state, alert_count, grouping_key,"
                        + " opened_at, cleared_at, clear_reason, updated_at, source_incident_id, policy_name, condition_name,"
                        + " summary, resource_type, resource_labels, project_id, source_url, source_severity, started_at, ended_at,"
                        + " last_alert, steps, current_step, related_incident_id)"
                        + " SELECT r.title, r.severity, r.severity_reason, 'open', r.alert_state, 1, r.grouping_key,"
                        + " r.opened_at::timestamptz, r.cleared_at::timestamptz, r.clear_reason, r.opened_at::timestamptz,"
                        + " r.source_incident_id, r.policy_name, r.condition_name, r.summary, r.resource_type,"
                        + " r.resource_labels::jsonb, r.project_id, r.source_url, r.source_severity, r.started_at::timestamptz,"
                        + " r.ended_at::timestamptz, r.last_alert::jsonb, r.steps::jsonb, r.current_step,"
                        + " r.related_incident_id::bigint FROM unnest(" + params(23)
                        + ") WITH ORDINALITY AS r (title, severity,"
                        + " severity_reason, alert_state, grouping_key, opened_at, cleared_at, clear_reason,"
                        + " source_incident_id, policy_name, condition_name, summary, resource_type, resource_labels, project_id,"
                        + " source_url, source_severity, started_at, ended_at, last_alert, steps, current_step,"
                        + " related_incident_id, n) ORDER BY r.n"
                        + " ON CONFLICT (grouping_key) WHERE " + UNRESOLVED + " DO NOTHING RETURNING id, grouping_key")) {
            rows.bind(c, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    created.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        return incidents.stream().map(n -> Optional.ofNullable(created.get(n.groupingKey()))).toList();
    }

    /**
     * A new incident to insert.
     *
     * @param alert the notification that opens it
     * @param groupingKey its grouping key
     * @param title its title
     * @param severity its severity
     * @param severityReason why that severity
     * @param relatedIncidentId the incident it follows, may be null
     * @param now when it opens
     */
    record NewIncident(Alert alert, String groupingKey, String title, Severity severity, String severityReason,
            Long relatedIncidentId, Instant now) {
    }

    /** Inserts the source alert unless another transaction did; empty when it lost that race. */
    Optional<Long> insertSourceAlert(Connection c, long incidentId, Alert alert, Instant now) throws SQLException {
        return insertSourceAlerts(c, List.of(new NewSourceAlert(incidentId, alert, now))).get(0);
    }

    /**
     * Inserts source alerts (distinct source incident ids) in one statement, in order; per source alert its id, or empty
     * when another transaction recorded it first.
     */
    List<Optional<Long>> insertSourceAlerts(Connection c, List<NewSourceAlert> sources) throws SQLException {
        TextColumns rows = new TextColumns(7);
        for (NewSourceAlert s : sources) {
            boolean cleared = s.alert().state() == AlertState.CLEARED;
            rows.row(s.incidentId(), s.alert().sourceIncidentId(), cleared ? "cleared" : "firing", s.alert().startedAt(),
                    s.alert().endedAt(), cleared ? clearReason(s.alert()) : null, s.now());
        }
        Map<String, Long> created = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO source_alert (incident_id, source_incident_id, state, started_at, ended_at, clear_reason,"
                        + " notification_count, first_seen_at, last_seen_at) SELECT r.incident_id::bigint, r.source_incident_id,"
                        + " r.state, r.started_at::timestamptz, r.ended_at::timestamptz, r.clear_reason, 1, r.seen_at::timestamptz,"
                        + " r.seen_at::timestamptz FROM unnest(" + params(7) + ") WITH ORDINALITY AS r (incident_id,"
                        + " source_incident_id, state, started_at, ended_at, clear_reason, seen_at, n) ORDER BY r.n"
                        + " ON CONFLICT (source_type, source_incident_id) DO NOTHING RETURNING id, source_incident_id")) {
            rows.bind(c, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    created.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        return sources.stream().map(s -> Optional.ofNullable(created.get(s.alert().sourceIncidentId()))).toList();
    }

    /**
     * A source alert to insert.
     *
     * @param incidentId the incident it belongs to
     * @param alert its first notification
     * @param now when it was first seen
     */
    record NewSourceAlert(long incidentId, Alert alert, Instant now) {
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

    /**
     * Appends timeline events, in order, each with its outbox row (for the notifier), in one statement: the events of a
     * whole ingest transaction are written together at its end.
     */
    void appendEvents(Connection c, List<NewEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        TextColumns rows = new TextColumns(5);
        for (NewEvent e : events) {
            rows.row(e.incidentId(), e.at(), e.type(), e.actor(), e.detail());
        }
        try (PreparedStatement ps = c.prepareStatement(
                "WITH event AS (INSERT INTO timeline_event (incident_id, at, type, actor, detail)"
                        + " SELECT r.incident_id::bigint, r.at::timestamptz, r.type, r.actor, r.detail FROM unnest(" + params(5)
                        + ") WITH ORDINALITY AS r (incident_id, at, type, actor, detail, n) ORDER BY r.n"
                        + " RETURNING id, incident_id, at, type)"
                        + " INSERT INTO outbox (incident_id, timeline_event_id, kind, created_at, next_attempt_at)"
                        + " SELECT incident_id, id, type, at, at FROM event ORDER BY id")) {
            rows.bind(c, ps, 1);
            ps.executeUpdate();
        }
    }

    /**
     * A timeline event to append.
     *
     * @param incidentId its incident
     * @param at when
     * @param type wire name of its type
     * @param actor who
     * @param detail what
     */
    record NewEvent(long incidentId, Instant at, String type, String actor, String detail) {
    }

    /** {@code n} text-array parameters for {@code unnest}. */
    private static String params(int n) {
        return String.join(", ", Collections.nCopies(n, "?::text[]"));
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
