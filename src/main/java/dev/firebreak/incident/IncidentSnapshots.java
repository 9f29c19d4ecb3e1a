package dev.firebreak.incident;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.firebreak.sql.Jdbc;

/**
 * Reads incidents for notices with one plain statement: every column except the workflow steps, as detached
 * {@link Incident} objects that nothing writes back. The notifier reads every incident it delivers, and through the ORM
 * the JSON columns alone cost more than the rest of a delivery.
 */
@ApplicationScoped
public class IncidentSnapshots {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final String SELECT = "SELECT id, title, severity, severity_reason, status, alert_state, alert_count,"
            + " opened_at, source_incident_id, policy_name, condition_name, summary, resource_type, resource_labels::text,"
            + " project_id, source_url, source_severity, started_at, ended_at, current_step, acknowledged_by, resolved_by,"
            + " last_alert::text FROM incident WHERE id = ANY (?)";

    private final DataSource dataSource;

    public IncidentSnapshots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The incidents that exist among {@code ids}, in no particular order, without their {@code steps}. */
    public List<Incident> withoutSteps(Collection<Long> ids) {
        List<Incident> incidents = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return incidents;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    incidents.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading incidents failed", e);
        }
        return incidents;
    }

    private static Incident read(ResultSet rs) throws SQLException {
        Incident incident = new Incident();
        incident.id = rs.getLong(1);
        incident.title = rs.getString(2);
        incident.severity = rs.getString(3);
        incident.severityReason = rs.getString(4);
        incident.status = rs.getString(5);
        incident.alertState = rs.getString(6);
        incident.alertCount = rs.getInt(7);
        incident.openedAt = Jdbc.instant(rs, 8);
        incident.sourceIncidentId = rs.getString(9);
        incident.policyName = rs.getString(10);
        incident.conditionName = rs.getString(11);
        incident.summary = rs.getString(12);
        incident.resourceType = rs.getString(13);
        incident.resourceLabels = labels(rs.getString(14));
        incident.projectId = rs.getString(15);
        incident.sourceUrl = rs.getString(16);
        incident.sourceSeverity = rs.getString(17);
        incident.startedAt = Jdbc.instant(rs, 18);
        incident.endedAt = Jdbc.instant(rs, 19);
        incident.currentStep = rs.getString(20);
        incident.acknowledgedBy = rs.getString(21);
        incident.resolvedBy = rs.getString(22);
        incident.lastAlert = rs.getString(23);
        return incident;
    }

    private static Map<String, String> labels(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, LABELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("resource_labels is not a JSON object of strings", e);
        }
    }
}
