package dev.firebreak.testsupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The state behind {@link FakeSlack}: channels (name ↔ stable id) and messages, and the Web API methods answered as
 * Slack does. chat.postMessage takes a channel id or name; chat.update and conversations.* take ids only (a name is
 * {@code channel_not_found}, as on real Slack). Not thread-safe: {@link FakeSlack} serialises access.
 */
final class FakeSlackWorkspace {
    static final String BOT_USER = "UFIREBREAK1";
    static final String BOT_ID = "BFIREBREAK1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> idsByName = new LinkedHashMap<>();
    private final List<FakeSlackMessage> messages = new ArrayList<>();
    private long lastMicros;

    /** Creates the channel if needed and returns its id ({@code #name} and {@code name} are the same channel). */
    String createChannel(String name) {
        String bare = bare(name);
        return idsByName.computeIfAbsent(bare, n -> String.format("C%08X", 0x10000000 + idsByName.size() * 7919));
    }

    /** The id of an existing channel given by id, {@code #name} or {@code name}. */
    Optional<String> resolve(String channel, boolean namesAllowed) {
        if (channel == null) {
            return Optional.empty();
        }
        if (idsByName.containsValue(channel)) {
            return Optional.of(channel);
        }
        return namesAllowed ? Optional.ofNullable(idsByName.get(bare(channel))) : Optional.empty();
    }

    List<FakeSlackMessage> messages() {
        return List.copyOf(messages);
    }

    Optional<FakeSlackMessage> message(String channelId, String ts) {
        return messages.stream().filter(m -> m.channel().equals(channelId) && m.ts().equals(ts) && !m.deleted()).findFirst();
    }

    ObjectNode postMessage(Map<String, String> params) {
        Optional<String> channel = resolve(params.get("channel"), true);
        if (channel.isEmpty()) {
            return error("channel_not_found");
        }
        String text = params.getOrDefault("text", "");
        JsonNode blocks = null;
        if (params.get("blocks") != null) {
            blocks = parse(params.get("blocks"));
            if (blocks == null || !BlockKitLimits.violations(blocks).isEmpty()) {
                return error("invalid_blocks");
            }
        }
        if (text.isEmpty() && blocks == null) {
            return error("no_text");
        }
        if (text.length() > 40_000) {
            return error("msg_too_long");
        }
        String eventType = null;
        Map<String, String> payload = null;
        if (params.get("metadata") != null) {
            JsonNode metadata = parse(params.get("metadata"));
            if (metadata == null || !metadata.path("event_type").isTextual() || !metadata.path("event_payload").isObject()) {
                return error("invalid_metadata_format");
            }
            eventType = metadata.get("event_type").asText();
            payload = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : metadata.get("event_payload").properties()) {
                payload.put(field.getKey(), field.getValue().asText());
            }
        }
        String threadTs = blankToNull(params.get("thread_ts"));
        if (threadTs != null) {
            Optional<FakeSlackMessage> parent = message(channel.get(), threadTs);
            if (parent.isEmpty()) {
                return error("thread_not_found");
            }
            // a reply to a reply lands in the parent's thread
            threadTs = parent.get().topLevel() ? threadTs : parent.get().threadTs();
        }
        FakeSlackMessage message = new FakeSlackMessage(channel.get(), nextTs(), threadTs, text, blocks, eventType,
                payload, Instant.now());
        messages.add(message);
        ObjectNode answer = ok().put("channel", channel.get()).put("ts", message.ts());
        answer.set("message", render(message, false));
        return answer;
    }

    ObjectNode update(Map<String, String> params) {
        Optional<String> channel = resolve(params.get("channel"), false);
        if (channel.isEmpty()) {
            return error("channel_not_found");
        }
        Optional<FakeSlackMessage> message = message(channel.get(), params.get("ts"));
        if (message.isEmpty()) {
            return error("message_not_found");
        }
        JsonNode blocks = null;
        if (params.get("blocks") != null) {
            blocks = parse(params.get("blocks"));
            if (blocks == null || !BlockKitLimits.violations(blocks).isEmpty()) {
                return error("invalid_blocks");
            }
        }
        message.get().update(params.get("text"), blocks, Instant.now());
        return ok().put("channel", channel.get()).put("ts", message.get().ts()).put("text", message.get().text());
    }

    ObjectNode history(Map<String, String> params) {
        Optional<String> channel = resolve(params.get("channel"), false);
        if (channel.isEmpty()) {
            return error("channel_not_found");
        }
        boolean metadata = truthy(params.get("include_all_metadata"));
        List<FakeSlackMessage> found = messages.stream()
                .filter(m -> m.channel().equals(channel.get()) && m.topLevel() && !m.deleted())
                .filter(m -> after(m.ts(), params.get("oldest")))
                .sorted(Comparator.comparing((FakeSlackMessage m) -> new BigDecimal(m.ts())).reversed())
                .toList();
        return page(found, params, metadata);
    }

    ObjectNode replies(Map<String, String> params) {
        Optional<String> channel = resolve(params.get("channel"), false);
        if (channel.isEmpty()) {
            return error("channel_not_found");
        }
        Optional<FakeSlackMessage> parent = message(channel.get(), params.get("ts"));
        if (parent.isEmpty()) {
            return error("thread_not_found");
        }
        boolean metadata = truthy(params.get("include_all_metadata"));
        List<FakeSlackMessage> found = new ArrayList<>();
        found.add(parent.get());
        messages.stream()
                .filter(m -> m.channel().equals(channel.get()) && parent.get().ts().equals(m.threadTs())
                        && !m.topLevel() && !m.deleted())
                .filter(m -> after(m.ts(), params.get("oldest")))
                .forEach(found::add);
        return page(found, params, metadata);
    }

    ObjectNode list() {
        ObjectNode answer = ok();
        ArrayNode channels = answer.putArray("channels");
        idsByName.forEach((name, id) -> channels.addObject()
                .put("id", id)
                .put("name", name)
                .put("is_channel", true)
                .put("is_archived", false)
                .put("is_member", true));
        answer.putObject("response_metadata").put("next_cursor", "");
        return answer;
    }

    static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    static ObjectNode error(String error) {
        return JSON.createObjectNode().put("ok", false).put("error", error);
    }

    private ObjectNode page(List<FakeSlackMessage> found, Map<String, String> params, boolean metadata) {
        int limit = params.get("limit") == null ? 100 : Integer.parseInt(params.get("limit"));
        ObjectNode answer = ok();
        ArrayNode list = answer.putArray("messages");
        found.stream().limit(limit).forEach(m -> list.add(render(m, metadata)));
        answer.put("has_more", found.size() > limit);
        return answer;
    }

    private ObjectNode render(FakeSlackMessage m, boolean metadata) {
        ObjectNode node = JSON.createObjectNode()
                .put("type", "message")
                .put("user", BOT_USER)
                .put("bot_id", BOT_ID)
                .put("text", m.text())
                .put("ts", m.ts());
        if (m.threadTs() != null) {
            node.put("thread_ts", m.threadTs());
        }
        if (m.blocks() != null) {
            node.set("blocks", m.blocks());
        }
        if (metadata && m.metadataEventType() != null) {
            ObjectNode meta = node.putObject("metadata").put("event_type", m.metadataEventType());
            ObjectNode payload = meta.putObject("event_payload");
            m.metadataPayload().forEach(payload::put);
        }
        return node;
    }

    /** Slack ts: unix seconds + "." + 6 digits, unique and increasing. */
    private String nextTs() {
        long micros = Math.max(lastMicros + 1, System.currentTimeMillis() * 1000);
        lastMicros = micros;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static boolean after(String ts, String oldest) {
        return oldest == null || oldest.isBlank() || new BigDecimal(ts).compareTo(new BigDecimal(oldest)) > 0;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** Slack reads booleans as {@code true}/{@code 1} (the Java SDK sends {@code 1}/{@code 0}). */
    private static boolean truthy(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static String bare(String name) {
        return name.startsWith("#") ? name.substring(1) : name;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
