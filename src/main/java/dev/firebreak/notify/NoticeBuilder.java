package dev.firebreak.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.firebreak.alert.Alert;
import dev.firebreak.http.AppConfig;
import dev.firebreak.incident.Incident;
import dev.firebreak.incident.WorkflowCodec;
import dev.firebreak.incident.workflow.ResponseStep;
import dev.firebreak.runbook.DiagnosticCommand;
import dev.firebreak.runbook.Runbook;

/**
 * Builds an {@link IncidentNotice} from the stored incident: its state, its latest alert and the first commands of the
 * active step.
 */
@ApplicationScoped
public class NoticeBuilder {
    static final int COMMANDS_SHOWN = 3;

    private final Runbook runbook;
    private final String baseUrl;

    public NoticeBuilder(Runbook runbook, AppConfig app) {
        this.runbook = runbook;
        this.baseUrl = app.baseUrl().endsWith("/") ? app.baseUrl().substring(0, app.baseUrl().length() - 1) : app.baseUrl();
    }

    @Transactional
    public Optional<IncidentNotice> build(long incidentId) {
        Incident incident = Incident.findById(incidentId);
        if (incident == null) {
            return Optional.empty();
        }
        Alert alert = WorkflowCodec.alertOf(incident);
        List<IncidentNotice.Command> commands = List.of();
        ResponseStep step = ResponseStep.fromWire(incident.currentStep).orElse(null);
        if (step != null) {
            commands = runbook.suggest(alert, step)
                    .stream()
                    .limit(COMMANDS_SHOWN)
                    .map((DiagnosticCommand d) -> new IncidentNotice.Command(d.title(), d.command(), d.mutating()))
                    .toList();
        }
        return Optional.of(new IncidentNotice(incident.id, incident.title, incident.severity, incident.severityReason,
                incident.status, incident.alertState, incident.alertCount, incident.currentStep, commands,
                describeResource(incident), incident.summary, alert.observedValue(), alert.thresholdValue(),
                incident.sourceUrl, baseUrl + "/api/v1/incidents/" + incident.id, incident.acknowledgedBy,
                incident.resolvedBy, incident.openedAt, alert.policyUserLabels()));
    }

    private static String describeResource(Incident incident) {
        Map<String, String> labels = incident.resourceLabels == null ? Map.of() : new TreeMap<>(incident.resourceLabels);
        StringBuilder text = new StringBuilder(incident.resourceType == null || incident.resourceType.isEmpty()
                ? "resource"
                : incident.resourceType);
        labels.forEach((k, v) -> {
            if (!k.equals("project_id") && text.length() < 300) {
                text.append(' ').append(k).append('=').append(v);
            }
        });
        return text.toString();
    }
}
