package dev.firebreak.testsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Block Kit's documented limits (≤ 50 blocks, header ≤ 150, section text ≤ 3000, ≤ 10 fields of ≤ 2000, ≤ 25
 * actions, button text ≤ 75, value ≤ 2000, url ≤ 3000, style primary|danger, ids ≤ 255, confirm dialog texts), checked
 * the way Slack answers {@code invalid_blocks}.
 */
public final class BlockKitLimits {
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "context", "actions", "divider",
            "image", "rich_text", "input", "file", "video");

    private BlockKitLimits() {
    }

    /** Every violated limit, described; empty when the blocks are valid. */
    public static List<String> violations(JsonNode blocks) {
        List<String> problems = new ArrayList<>();
        if (blocks == null || !blocks.isArray()) {
            problems.add("blocks is not a JSON array");
            return problems;
        }
        if (blocks.size() > 50) {
            problems.add(blocks.size() + " blocks (max 50)");
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String where = "block " + i;
            String type = block.path("type").asText("");
            if (!BLOCK_TYPES.contains(type)) {
                problems.add(where + ": unknown type '" + type + "'");
            }
            if (block.has("block_id")) {
                String id = block.get("block_id").asText();
                max(problems, where + " block_id", id, 255);
                if (!blockIds.add(id)) {
                    problems.add(where + ": duplicate block_id " + id);
                }
            }
            switch (type) {
                case "header" -> textObject(problems, where + " header", block.get("text"), 150, true);
                case "section" -> section(problems, where, block);
                case "context" -> context(problems, where, block);
                case "actions" -> actions(problems, where, block);
                default -> {
                }
            }
        }
        return problems;
    }

    private static void section(List<String> problems, String where, JsonNode block) {
        if (!block.has("text") && !block.has("fields")) {
            problems.add(where + ": section without text or fields");
        }
        if (block.has("text")) {
            textObject(problems, where + " text", block.get("text"), 3000, false);
        }
        JsonNode fields = block.path("fields");
        if (fields.size() > 10) {
            problems.add(where + ": " + fields.size() + " fields (max 10)");
        }
        for (int f = 0; f < fields.size(); f++) {
            textObject(problems, where + " field " + f, fields.get(f), 2000, false);
        }
    }

    private static void context(List<String> problems, String where, JsonNode block) {
        JsonNode elements = block.path("elements");
        if (elements.isEmpty() || elements.size() > 10) {
            problems.add(where + ": " + elements.size() + " context elements (1 to 10)");
        }
        for (int e = 0; e < elements.size(); e++) {
            textObject(problems, where + " element " + e, elements.get(e), 3000, false);
        }
    }

    private static void actions(List<String> problems, String where, JsonNode block) {
        JsonNode elements = block.path("elements");
        if (elements.isEmpty() || elements.size() > 25) {
            problems.add(where + ": " + elements.size() + " actions (1 to 25)");
        }
        Set<String> actionIds = new HashSet<>();
        for (int e = 0; e < elements.size(); e++) {
            JsonNode button = elements.get(e);
            String at = where + " element " + e;
            if (!"button".equals(button.path("type").asText())) {
                continue;
            }
            textObject(problems, at + " text", button.get("text"), 75, true);
            String actionId = button.path("action_id").asText("");
            max(problems, at + " action_id", actionId, 255);
            if (!actionId.isEmpty() && !actionIds.add(actionId)) {
                problems.add(at + ": duplicate action_id " + actionId);
            }
            max(problems, at + " value", button.path("value").asText(""), 2000);
            max(problems, at + " url", button.path("url").asText(""), 3000);
            if (button.has("style") && !Set.of("primary", "danger").contains(button.get("style").asText())) {
                problems.add(at + ": style '" + button.get("style").asText() + "' (only primary or danger)");
            }
            JsonNode confirm = button.get("confirm");
            if (confirm != null) {
                textObject(problems, at + " confirm title", confirm.get("title"), 100, true);
                textObject(problems, at + " confirm text", confirm.get("text"), 300, false);
                textObject(problems, at + " confirm button", confirm.get("confirm"), 30, true);
                textObject(problems, at + " deny button", confirm.get("deny"), 30, true);
            }
        }
    }

    private static void textObject(List<String> problems, String where, JsonNode text, int maxLength,
            boolean plainOnly) {
        if (text == null || !text.isObject()) {
            problems.add(where + ": missing text object");
            return;
        }
        String type = text.path("type").asText("");
        if (plainOnly ? !type.equals("plain_text") : !(type.equals("plain_text") || type.equals("mrkdwn"))) {
            problems.add(where + ": text type '" + type + "'");
        }
        String value = text.path("text").asText("");
        if (value.isEmpty()) {
            problems.add(where + ": empty text");
        }
        max(problems, where, value, maxLength);
    }

    private static void max(List<String> problems, String where, String value, int maxLength) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            problems.add(where + ": " + length + " characters (max " + maxLength + ")");
        }
    }
}
