package dev.firebreak.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.classify.Classification;
import dev.firebreak.classify.Classifier;
import dev.firebreak.classify.IncidentTitle;
import dev.firebreak.http.ProblemException;
import dev.firebreak.incident.GroupingKey;
import dev.firebreak.incident.workflow.ResponseStep;
import dev.firebreak.ingest.BoundedJson;
import dev.firebreak.ingest.gcm.GcmNotificationParser;
import dev.firebreak.ingest.gcm.GcmParseResult;
import dev.firebreak.runbook.DiagnosticCommand;
import dev.firebreak.runbook.Runbook;
import dev.firebreak.runbook.Suggestion;

/**
 * Classifies a Cloud Monitoring notification without storing anything, so rule authors can try their rules.
 */
@Path("/api/v1/classify")
@Tag(name = "classify")
public class ClassifyResource {
    /** Same cap as push bodies. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Classifier classifier;
    private final Runbook runbook;
    private final GcmNotificationParser parser = new GcmNotificationParser(BoundedJson.mapper());

    public ClassifyResource(Classifier classifier, Runbook runbook) {
        this.classifier = classifier;
        this.runbook = runbook;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dry run: classify a Cloud Monitoring notification (any Content-Type, 1 MiB); stores nothing")
    @APIResponse(responseCode = "200", description = "what Firebreak would make of the notification")
    @APIResponse(responseCode = "400", description = "not a Cloud Monitoring notification (problem+json)")
    @APIResponse(responseCode = "413", description = "body above 1 MiB (problem+json)")
    public ClassifyView classify(InputStream body) {
        GcmParseResult parsed = parser.parse(readBounded(body));
        if (parsed instanceof GcmParseResult.Rejected rejected) {
            throw ProblemException.badRequest(rejected.detail());
        }
        Alert alert = ((GcmParseResult.Parsed) parsed).alert();
        Classification classification = classifier.classify(alert);
        Suggestion suggestion = runbook.suggestion(alert);
        Map<String, List<ClassifyView.Command>> diagnostics = new LinkedHashMap<>();
        for (ResponseStep step : ResponseStep.values()) {
            diagnostics.put(step.wireName(), suggestion.forStep(step).stream().map(ClassifyResource::command).toList());
        }
        boolean opensIncident = !alert.testNotification() && alert.state() != AlertState.UNKNOWN;
        return new ClassifyView(classification.severity().wireName(), classification.reason(), classification.ruleId(),
                IncidentTitle.of(alert), alert.state().wireName(), opensIncident,
                opensIncident ? GroupingKey.of(alert) : null, suggestion.ruleId(), diagnostics);
    }

    private static ClassifyView.Command command(DiagnosticCommand command) {
        return new ClassifyView.Command(command.title(), command.command(), command.mutating());
    }

    private static byte[] readBounded(InputStream body) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ProblemException(413, "body-too-large", "Request body too large",
                        "notifications are limited to " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.badRequest("the request body could not be read");
        }
    }
}
