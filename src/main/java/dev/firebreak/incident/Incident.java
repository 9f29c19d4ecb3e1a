package dev.firebreak.incident;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The incident aggregate as stored. Never serialized: the API maps it to its own records.
 */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String title;
    public String severity;
    @Column(name = "severity_reason")
    public String severityReason;
    public String status;
    @Column(name = "alert_state")
    public String alertState;
    @Column(name = "alert_count")
    public int alertCount;
    @Column(name = "grouping_key")
    public String groupingKey;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "cleared_at")
    public Instant clearedAt;
    @Column(name = "clear_reason")
    public String clearReason;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
    @Column(name = "source_type")
    public String sourceType;
    @Column(name = "source_incident_id")
    public String sourceIncidentId;
    @Column(name = "policy_name")
    public String policyName;
    @Column(name = "condition_name")
    public String conditionName;
    public String summary;
    @Column(name = "resource_type")
    public String resourceType;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "resource_labels")
    public Map<String, String> resourceLabels;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "source_url")
    public String sourceUrl;
    @Column(name = "source_severity")
    public String sourceSeverity;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public String steps;
    @Column(name = "current_step")
    public String currentStep;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "human_touched")
    public boolean humanTouched;
    @Column(name = "related_incident_id")
    public Long relatedIncidentId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "last_alert")
    public String lastAlert;
    @Column(name = "notify_error")
    public String notifyError;
}
