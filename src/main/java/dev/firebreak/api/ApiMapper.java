package dev.firebreak.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.firebreak.incident.Incident;
import dev.firebreak.incident.TimelineEvent;
import dev.firebreak.incident.WorkflowCodec;
import dev.firebreak.incident.workflow.ResponseStep;
import dev.firebreak.incident.workflow.StepProgress;
import dev.firebreak.ingest.QuarantinedMessage;
import dev.firebreak.runbook.DiagnosticCommand;

/**
 * Maps stored records to API records.
 */
final class ApiMapper {
    private ApiMapper() {
    }

    static IncidentView incident(Incident i) {
        return incident(i, null);
    }

    /** The detail view: every step with its suggested diagnostic commands. */
    static IncidentView incidentDetail(Incident i, Map<ResponseStep, List<DiagnosticCommand>> diagnostics) {
        List<IncidentView.StepView> steps = new ArrayList<>();
        for (StepProgress step : WorkflowCodec.steps(i.steps)) {
            steps.add(new IncidentView.StepView(step.step().wireName(), step.state().wireName(), step.startedAt(),
                    step.completedAt(), step.completedBy(), step.note(),
                    diagnostics.getOrDefault(step.step(), List.of())
                            .stream()
                            .map(d -> new IncidentView.DiagnosticView(d.title(), d.command(), d.mutating()))
                            .toList()));
        }
        return incident(i, steps);
    }

    private static IncidentView incident(Incident i, List<IncidentView.StepView> steps) {
        return new IncidentView(i.id, i.title, i.severity, i.severityReason, i.status, i.alertState, i.alertCount,
                i.openedAt, i.clearedAt, i.clearReason, i.updatedAt, i.groupingKey, i.currentStep, i.acknowledgedAt,
                i.acknowledgedBy, i.resolvedAt, i.resolvedBy, i.closedAt, i.relatedIncidentId, i.version, i.notifyError,
                new IncidentView.Source(i.sourceType, i.sourceIncidentId, i.policyName, i.conditionName, i.summary,
                        i.resourceType, i.resourceLabels == null ? Map.of() : i.resourceLabels, i.projectId, i.sourceUrl,
                        i.sourceSeverity, i.startedAt, i.endedAt),
                steps);
    }

    static TimelineEntryView timeline(TimelineEvent e) {
        return new TimelineEntryView(e.at, e.type, e.actor, e.detail);
    }

    static QuarantineView quarantine(QuarantinedMessage q) {
        String text = utf8(q.raw);
        return new QuarantineView(q.id, q.messageId, q.transport, q.subscription, q.publishTime,
                q.attributes == null ? Map.of() : q.attributes, q.reasonCode, q.reason, q.receivedAt, q.rawSize,
                q.rawTruncated, text != null ? "utf-8" : "base64",
                text != null ? text : Base64.getEncoder().encodeToString(q.raw));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
