package dev.firebreak.notify.slack;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.notify.IncidentNotice;
import dev.firebreak.notify.OutboxEvent;

/**
 * Renders incidents as Block Kit messages within Slack's limits (≤ 50 blocks, header ≤ 150, section text ≤ 3000,
 * button text ≤ 75, value ≤ 2000) plus a plain-text fallback (≤ 4000).
 */
final class SlackMessageRenderer {
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int FIELD_MAX = 2000;
    static final int TEXT_MAX = 4000;
    static final String ACTION_ACK = "firebreak_ack";
    static final String ACTION_COMPLETE = "firebreak_complete_step";
    static final String ACTION_RESOLVE = "firebreak_resolve";
    private static final Map<String, String> SEVERITY_ICON = Map.of("critical", "🔴", "warning", "🟠", "info", "🔵");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A rendered message.
     *
     * @param text fallback text (notifications, screen readers)
     * @param blocks Block Kit JSON array, or null for a text-only message
     */
    record Rendered(String text, String blocks) {
    }

    private SlackMessageRenderer() {
    }

    /** The incident's root message: its whole current state and what to do next. */
    static Rendered root(IncidentNotice n) {
        ArrayNode blocks = JSON.createArrayNode();
        String icon = SEVERITY_ICON.getOrDefault(n.severity(), "⚪");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("emoji", true)
                .put("text", SlackText.cap(icon + " " + n.severity().toUpperCase(Locale.ROOT) + " · " + n.title(), HEADER_MAX));

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "*Status*\n" + status(n));
        field(fields, "*Severity*\n" + SlackText.escape(n.severityReason()));
        field(fields, "*Resource*\n" + SlackText.escape(n.resource()));
        field(fields, "*Alert*\n" + n.alertState() + " · fired " + n.alertCount() + (n.alertCount() == 1 ? " time" : " times"));
        if (n.observedValue() != null) {
            field(fields, "*Observed*\n" + SlackText.escape(n.observedValue())
                    + (n.thresholdValue() != null ? " (threshold " + SlackText.escape(n.thresholdValue()) + ")" : ""));
        }
        if (n.summary() != null && !n.summary().isBlank()) {
            section(blocks, SlackText.escape(n.summary()));
        }
        if (n.currentStep() != null) {
            StringBuilder step = new StringBuilder("*Current step: " + n.currentStep().replace('_', ' ') + "*");
            if (!n.currentStepCommands().isEmpty()) {
                step.append(" — type first:\n```");
                for (IncidentNotice.Command command : n.currentStepCommands()) {
                    step.append(SlackText.code(command.command()))
                            .append(command.mutating() ? "   # changes state" : "")
                            .append('\n');
                }
                step.append("```");
            }
            section(blocks, step.toString());
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        StringBuilder links = new StringBuilder(SlackText.link(n.firebreakUrl(), "Firebreak incident #" + n.incidentId()));
        if (n.consoleUrl() != null) {
            links.append(" · ").append(SlackText.link(n.consoleUrl(), "Cloud Console"));
        }
        if (n.acknowledgedBy() != null) {
            links.append(" · acknowledged by ").append(SlackText.escape(n.acknowledgedBy()));
        }
        if (n.resolvedBy() != null) {
            links.append(" · resolved by ").append(SlackText.escape(n.resolvedBy()));
        }
        context.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put("text", SlackText.cap(links.toString(), SECTION_MAX));
        actions(blocks, n);
        // the fallback text is mrkdwn as well (and drives notifications): alert text must not mention or link there either
        return new Rendered(
                SlackText.cap(
                        "[" + n.severity().toUpperCase(Locale.ROOT) + "] " + SlackText.escape(n.title()) + " — " + n.status()
                                + ", alert " + n.alertState() + " (Firebreak incident #" + n.incidentId() + ")",
                        TEXT_MAX),
                blocks.toString());
    }

    /** One thread reply for a group of events (a burst of re-fires comes as one group). */
    static Rendered reply(IncidentNotice n, List<OutboxEvent> group) {
        OutboxEvent last = group.get(group.size() - 1);
        String text;
        if (group.size() > 1) {
            text = "🔁 alert fired " + group.size() + " more times (" + n.alertCount() + " in all); latest: "
                    + SlackText.escape(last.detail());
        } else {
            text = icon(last.kind()) + " " + SlackText.escape(last.detail()) + actorSuffix(last);
        }
        return new Rendered(SlackText.cap(text, TEXT_MAX), null);
    }

    /** The storm digest's parent message. */
    static Rendered digest(int threshold, long windowSeconds) {
        String text = "🌩️ Alert storm: more than " + threshold + " incidents opened in this channel within " + windowSeconds
                + " s. New incidents are threaded under this message until it calms down.";
        return new Rendered(text, null);
    }

    private static String actorSuffix(OutboxEvent event) {
        if (event.actor() == null || event.actor().isBlank() || event.actor().equals("cloud-monitoring")
                || event.actor().equals("system")) {
            return "";
        }
        return " — " + SlackText.escape(event.actor());
    }

    private static String icon(String kind) {
        return switch (kind) {
            case "acknowledged" -> "👀";
            case "step_completed" -> "✅";
            case "step_skipped" -> "⏭️";
            case "note_added" -> "📝";
            case "alert_cleared" -> "🟢";
            case "resolved", "auto_resolved" -> "✔️";
            case "reopened", "alert_refired" -> "🔁";
            case "closed" -> "📕";
            default -> "•";
        };
    }

    private static String status(IncidentNotice n) {
        return n.status() + (n.currentStep() != null ? " · step " + n.currentStep().replace('_', ' ') : "");
    }

    private static void actions(ArrayNode blocks, IncidentNotice n) {
        boolean unresolved = "open".equals(n.status()) || "acknowledged".equals(n.status());
        ObjectNode actions = JSON.createObjectNode()
                .put("type", "actions")
                .put("block_id", "firebreak_actions_" + n.incidentId() + "_" + Math.abs((n.status() + n.currentStep()
                        + n.alertCount()).hashCode()));
        ArrayNode elements = actions.putArray("elements");
        if ("open".equals(n.status())) {
            button(elements, ACTION_ACK, "Acknowledge", Long.toString(n.incidentId()), "primary");
        }
        if (n.currentStep() != null && !"closed".equals(n.status())) {
            button(elements, ACTION_COMPLETE, SlackText.cap("Complete " + n.currentStep().replace('_', ' '), 75),
                    n.incidentId() + ":" + n.currentStep(), null);
        }
        if (unresolved) {
            ObjectNode resolve = button(elements, ACTION_RESOLVE, "Resolve", Long.toString(n.incidentId()), "danger");
            ObjectNode confirm = resolve.putObject("confirm");
            confirm.putObject("title").put("type", "plain_text").put("text", "Resolve incident #" + n.incidentId() + "?");
            confirm.putObject("text")
                    .put("type", "mrkdwn")
                    .put("text",
                            "Earlier open steps are skipped. Critical incidents still need a post-incident review to close.");
            confirm.putObject("confirm").put("type", "plain_text").put("text", "Resolve");
            confirm.putObject("deny").put("type", "plain_text").put("text", "Cancel");
        }
        if (!elements.isEmpty()) {
            blocks.add(actions);
        }
    }

    private static ObjectNode button(ArrayNode elements, String actionId, String text, String value, String style) {
        ObjectNode button = elements.addObject().put("type", "button").put("action_id", actionId).put("value", value);
        button.putObject("text").put("type", "plain_text").put("text", text);
        if (style != null) {
            button.put("style", style);
        }
        return button;
    }

    private static void field(ArrayNode fields, String text) {
        fields.addObject().put("type", "mrkdwn").put("text", SlackText.cap(text, FIELD_MAX));
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", SlackText.cap(text, SECTION_MAX));
    }
}
