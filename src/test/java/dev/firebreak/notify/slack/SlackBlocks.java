package dev.firebreak.notify.slack;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads rendered Block Kit JSON in assertions: all mrkdwn text, the buttons, and mrkdwn escaping as Slack defines it.
 */
final class SlackBlocks {
    private SlackBlocks() {
    }

    /** Every mrkdwn text of the blocks (section texts, fields, context elements), one per line. */
    static String mrkdwn(JsonNode blocks) {
        StringBuilder text = new StringBuilder();
        for (JsonNode node : textObjects(blocks)) {
            if ("mrkdwn".equals(node.path("type").asText())) {
                text.append(node.path("text").asText()).append('\n');
            }
        }
        return text.toString();
    }

    /** Every text object anywhere in the blocks. */
    static List<JsonNode> textObjects(JsonNode blocks) {
        List<JsonNode> found = new ArrayList<>();
        collect(blocks, found);
        return found;
    }

    /** The buttons of the actions blocks, in order. */
    static List<JsonNode> buttons(JsonNode blocks) {
        List<JsonNode> buttons = new ArrayList<>();
        for (JsonNode block : blocks) {
            if ("actions".equals(block.path("type").asText())) {
                block.path("elements").forEach(e -> {
                    if ("button".equals(e.path("type").asText())) {
                        buttons.add(e);
                    }
                });
            }
        }
        return buttons;
    }

    /** The button labels, in order. */
    static List<String> buttonTexts(JsonNode blocks) {
        return buttons(blocks).stream().map(b -> b.path("text").path("text").asText()).toList();
    }

    /** Text as it must appear inside mrkdwn: {@code & < >} escaped (Slack's only control characters). */
    static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void collect(JsonNode node, List<JsonNode> found) {
        if (node.isObject()) {
            if (node.has("type") && node.has("text") && node.get("text").isTextual()) {
                found.add(node);
            }
            node.forEach(child -> collect(child, found));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, found));
        }
    }
}
