package dev.firebreak.incident;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.alert.ConditionKind;
import dev.firebreak.alert.Documentation;
import dev.firebreak.alert.Metric;
import dev.firebreak.alert.Resource;
import dev.firebreak.alert.Severity;
import dev.firebreak.alert.SourceSeverity;
import dev.firebreak.incident.workflow.IncidentStatus;
import dev.firebreak.incident.workflow.ResponseStep;
import dev.firebreak.incident.workflow.StepProgress;
import dev.firebreak.incident.workflow.StepState;
import dev.firebreak.incident.workflow.WorkflowState;

/**
 * Stored forms of the workflow steps ({@code incident.steps}) and of the normalized alert ({@code incident.last_alert}).
 */
public final class WorkflowCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final TypeReference<List<StoredStep>> STEPS = new TypeReference<>() {
    };

    private WorkflowCodec() {
    }

    /**
     * One step as stored.
     *
     * @param step wire name
     * @param state wire name
     * @param startedAt when it became active
     * @param completedAt when it was done or skipped
     * @param completedBy who did it
     * @param note completion note or skip reason
     */
    public record StoredStep(String step, String state, Instant startedAt, Instant completedAt, String completedBy,
            String note) {
    }

    /** The steps as JSON text. */
    public static String stepsJson(List<StepProgress> steps) {
        List<StoredStep> stored = new ArrayList<>();
        for (StepProgress p : steps) {
            stored.add(new StoredStep(p.step().wireName(), p.state().wireName(), p.startedAt(), p.completedAt(),
                    p.completedBy(), p.note()));
        }
        return write(stored);
    }

    /** Parses stored steps; always the five steps in order. */
    public static List<StepProgress> steps(String json) {
        try {
            List<StoredStep> stored = JSON.readValue(json, STEPS);
            List<StepProgress> steps = new ArrayList<>();
            for (StoredStep s : stored) {
                steps.add(new StepProgress(ResponseStep.fromWire(s.step()).orElseThrow(),
                        StepState.fromWire(s.state()).orElseThrow(), s.startedAt(), s.completedAt(), s.completedBy(),
                        s.note()));
            }
            return steps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workflow state of a stored incident. */
    public static WorkflowState state(Incident incident) {
        return new WorkflowState(IncidentStatus.fromWire(incident.status).orElseThrow(),
                Severity.fromWire(incident.severity).orElseThrow(), steps(incident.steps), incident.openedAt,
                incident.acknowledgedAt, incident.acknowledgedBy, incident.resolvedAt, incident.closedAt,
                incident.humanTouched);
    }

    /** Copies a workflow state onto a stored incident. */
    public static void apply(WorkflowState state, Incident incident) {
        incident.status = state.status().wireName();
        incident.steps = stepsJson(state.steps());
        ResponseStep current = state.currentStep();
        incident.currentStep = current == null ? null : current.wireName();
        incident.acknowledgedAt = state.acknowledgedAt();
        incident.acknowledgedBy = state.acknowledgedBy();
        incident.resolvedAt = state.resolvedAt();
        incident.closedAt = state.closedAt();
        incident.humanTouched = state.humanTouched();
    }

    /** The normalized alert as JSON text. */
    public static String alertJson(Alert alert) {
        return write(alert);
    }

    /** Parses a stored alert; null when absent or unreadable. */
    public static Alert alert(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, Alert.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The incident's latest alert: the stored snapshot, or (for rows without one) rebuilt from its source columns. */
    public static Alert alertOf(Incident incident) {
        Alert stored = alert(incident.lastAlert);
        if (stored != null) {
            return stored;
        }
        return new Alert(incident.sourceIncidentId, "cleared".equals(incident.alertState)
                ? AlertState.CLEARED
                : AlertState.FIRING, incident.alertState, null, false, incident.policyName, null, incident.conditionName, null,
                ConditionKind.UNKNOWN, null, incident.summary, incident.sourceUrl, incident.sourceSeverity,
                SourceSeverity.parse(incident.sourceSeverity), incident.startedAt, incident.endedAt,
                new Resource(incident.resourceType, incident.resourceLabels, null, null, null), Metric.NONE,
                incident.projectId, null, null, Map.of(), Map.of(), Map.of(), null, null, false, Documentation.NONE);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
