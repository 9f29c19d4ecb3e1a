package dev.firebreak.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * What Firebreak would make of a Cloud Monitoring notification: a dry run for rule authors.
 */
@Schema(description = "classification, title and diagnostics Firebreak would give the notification's incident")
public record ClassifyView(
        @Schema(description = "critical, warning or info") String severity,
        @Schema(description = "one sentence starting with the severity") String reason,
        @Schema(description = "the deciding classification rule, \"default\" when none matched") String ruleId,
        @Schema(description = "the incident title") String title,
        @Schema(description = "firing, cleared or unknown (incident.state)") String alertState,
        @Schema(description = "false for test notifications and unknown states") boolean opensIncident,
        @Schema(description = "absent when no incident would open") @JsonInclude(Include.NON_NULL) String groupingKey,
        @Schema(description = "the diagnostics catalog rule that chose the commands") String diagnosticsRuleId,
        @Schema(description = "commands by step wire name, the five steps in order") Map<String, List<Command>> diagnostics) {

    /** One suggested diagnostic command. */
    @Schema(description = "a suggested command for a human to copy; Firebreak never runs it")
    public record Command(String title, String command, boolean mutating) {
    }
}
