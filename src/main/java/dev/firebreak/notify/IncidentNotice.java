package dev.firebreak.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a notifier needs to render an incident's current state, independent of any channel.
 *
 * @param incidentId Firebreak incident id
 * @param title incident title
 * @param severity critical, warning or info
 * @param severityReason why, in one sentence
 * @param status open, acknowledged, resolved or closed
 * @param alertState firing or cleared
 * @param alertCount how many times an alert fired into it
 * @param currentStep the active response step (wire name), null when none
 * @param currentStepCommands the first suggested commands of the active step
 * @param resource a short description of the resource
 * @param summary the source's summary text
 * @param observedValue observed value text, may be null
 * @param thresholdValue threshold text, may be null
 * @param consoleUrl Cloud Console link, may be null
 * @param firebreakUrl link to the incident in Firebreak
 * @param acknowledgedBy who acknowledged, may be null
 * @param resolvedBy who resolved, may be null
 * @param openedAt when it opened
 * @param policyLabels user labels of the alert policy (routing hints such as {@code slack_channel})
 */
public record IncidentNotice(long incidentId, String title, String severity, String severityReason, String status,
        String alertState, int alertCount, String currentStep, List<Command> currentStepCommands, String resource,
        String summary, String observedValue, String thresholdValue, String consoleUrl, String firebreakUrl,
        String acknowledgedBy, String resolvedBy, Instant openedAt, Map<String, String> policyLabels) {

    /**
     * A suggested command.
     *
     * @param title what it is for
     * @param command the command line
     * @param mutating true when it changes state
     */
    public record Command(String title, String command, boolean mutating) {
    }
}
