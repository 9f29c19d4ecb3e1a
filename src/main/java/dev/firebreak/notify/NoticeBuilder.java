package dev.firebreak.notify;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.firebreak.alert.Alert;
import dev.firebreak.incident.Incident;
import dev.firebreak.incident.IncidentSnapshots;
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
    private final IncidentSnapshots incidents;
    private final String baseUrl;

    /**
     * @param baseUrl {@code firebreak.base-url}: the public URL of this service, used in links (a single key under the
     *        bare {@code firebreak} prefix, so it is read directly rather than through a mapping of the whole prefix)
     */
    public NoticeBuilder(Runbook runbook, IncidentSnapshots incidents,
            @ConfigProperty(name = "firebreak.base-url", defaultValue = "http://localhost:8080") String baseUrl) {
        this.runbook = runbook;
        this.incidents = incidents;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public Optional<IncidentNotice> build(long incidentId) {
        return incidents.withoutSteps(List.of(incidentId)).stream().findFirst().map(this::noticeOf);
    }

    /** Notices for several incidents read in one query; incidents that no longer exist are absent. */
    public Map<Long, IncidentNotice> buildAll(Collection<Long> incidentIds) {
        Map<Long, IncidentNotice> notices = new HashMap<>();
        incidents.withoutSteps(incidentIds).forEach(incident -> notices.put(incident.id, noticeOf(incident)));
        return notices;
    }

    private IncidentNotice noticeOf(Incident incident) {
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
        return new IncidentNotice(incident.id, incident.title, incident.severity, incident.severityReason,
                incident.status, incident.alertState, incident.alertCount, incident.currentStep, commands,
                describeResource(incident), incident.summary, alert.observedValue(), alert.thresholdValue(),
                incident.sourceUrl, baseUrl + "/api/v1/incidents/" + incident.id, incident.acknowledgedBy,
                incident.resolvedBy, incident.openedAt, alert.policyUserLabels());
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
