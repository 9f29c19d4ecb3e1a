package dev.firebreak.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Inserts incident rows directly with SQL, with every field a list or statistics test controls.
 */
public final class IncidentRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STEPS = {"assess_impact", "immediate_response", "root_cause_analysis", "resolution",
            "post_incident_review"};

    private String title;
    private String severity = "warning";
    private String status = "open";
    private String step = "assess_impact";
    private Instant openedAt = Instant.parse("2001-01-01T00:00:00Z");
    private Instant acknowledgedAt;
    private Instant resolvedAt;
    private String policyName;
    private String conditionName;
    private String summary;
    private String resourceType = "gce_instance";
    private Map<String, String> labels = new LinkedHashMap<>();
    private String projectId;

    private IncidentRows(String title) {
        this.title = title;
    }

    /** A warning, open, assess-impact incident with this title. */
    public static IncidentRows incident(String title) {
        return new IncidentRows(title);
    }

    public IncidentRows severity(String value) {
        severity = value;
        return this;
    }

    public IncidentRows status(String value) {
        status = value;
        return this;
    }

    public IncidentRows step(String value) {
        step = value;
        return this;
    }

    public IncidentRows openedAt(Instant value) {
        openedAt = value;
        return this;
    }

    public IncidentRows acknowledgedAt(Instant value) {
        acknowledgedAt = value;
        return this;
    }

    public IncidentRows resolvedAt(Instant value) {
        resolvedAt = value;
        return this;
    }

    public IncidentRows policyName(String value) {
        policyName = value;
        return this;
    }

    public IncidentRows conditionName(String value) {
        conditionName = value;
        return this;
    }

    public IncidentRows summary(String value) {
        summary = value;
        return this;
    }

    public IncidentRows resourceType(String value) {
        resourceType = value;
        return this;
    }

    public IncidentRows label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public IncidentRows projectId(String value) {
        projectId = value;
        return this;
    }

    /** Inserts the row and returns its id. */
    public long insert(DataSource dataSource) {
        String sql = "INSERT INTO incident (title, severity, severity_reason, status, alert_state, alert_count, grouping_key,"
                + " opened_at, updated_at, source_incident_id, policy_name, condition_name, summary, resource_type,"
                + " resource_labels, project_id, steps, current_step, acknowledged_at, resolved_at, closed_at)"
                + " VALUES (?, ?, ?, ?, 'firing', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?) RETURNING id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            String unique = UUID.randomUUID().toString();
            int i = 0;
            ps.setString(++i, title);
            ps.setString(++i, severity);
            ps.setString(++i, severity + ": seeded by a test");
            ps.setString(++i, status);
            ps.setString(++i, "test:" + unique);
            ps.setTimestamp(++i, Timestamp.from(openedAt));
            ps.setTimestamp(++i, Timestamp.from(openedAt));
            ps.setString(++i, "seed." + unique);
            ps.setString(++i, policyName);
            ps.setString(++i, conditionName);
            ps.setString(++i, summary);
            ps.setString(++i, resourceType);
            ps.setString(++i, JSON.writeValueAsString(labels));
            ps.setString(++i, projectId);
            ps.setString(++i, stepsJson());
            ps.setString(++i, step);
            setInstant(ps, ++i, acknowledgedAt);
            setInstant(ps, ++i, resolvedAt);
            setInstant(ps, ++i, "closed".equals(status) ? resolvedAt : null);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shape of the workflow migration's backfill, with the steps before the current one done. */
    private String stepsJson() throws JsonProcessingException {
        List<Map<String, Object>> steps = new ArrayList<>();
        boolean reached = false;
        for (String name : STEPS) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("step", name);
            if (name.equals(step)) {
                reached = true;
                entry.put("state", "active");
                entry.put("startedAt", openedAt.toString());
            } else {
                entry.put("state", reached ? "pending" : "done");
            }
            steps.add(entry);
        }
        return JSON.writeValueAsString(steps);
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }
}
