package dev.firebreak.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message stored by {@link FakeSlack}, with every chat.update applied to it.
 */
public final class FakeSlackMessage {
    /** The {@code event_type} Firebreak puts in its message metadata. */
    public static final String DELIVERY_EVENT = "firebreak_delivery";

    private final String channel;
    private final String ts;
    private final String threadTs;
    private final String metadataEventType;
    private final Map<String, String> metadataPayload;
    private final Instant postedAt;
    private final List<Edit> edits = new ArrayList<>();
    private String text;
    private JsonNode blocks;
    private boolean deleted;

    /**
     * One chat.update applied to the message.
     *
     * @param text the new text
     * @param blocks the new blocks, null when none were sent
     * @param at when it was applied
     */
    public record Edit(String text, JsonNode blocks, Instant at) {
    }

    FakeSlackMessage(String channel, String ts, String threadTs, String text, JsonNode blocks, String metadataEventType,
            Map<String, String> metadataPayload, Instant postedAt) {
        this.channel = channel;
        this.ts = ts;
        this.threadTs = threadTs;
        this.text = text;
        this.blocks = blocks;
        this.metadataEventType = metadataEventType;
        this.metadataPayload = metadataPayload == null ? Map.of() : Map.copyOf(metadataPayload);
        this.postedAt = postedAt;
    }

    /** The channel id. */
    public String channel() {
        return channel;
    }

    public String ts() {
        return ts;
    }

    /** The parent's ts for a thread reply, null for a top-level message. */
    public String threadTs() {
        return threadTs;
    }

    /** The current text (after updates). */
    public synchronized String text() {
        return text;
    }

    /** The current blocks (after updates), null when the message has none. */
    public synchronized JsonNode blocks() {
        return blocks;
    }

    public String metadataEventType() {
        return metadataEventType;
    }

    public Map<String, String> metadataPayload() {
        return metadataPayload;
    }

    /** Firebreak's delivery key from the metadata ({@code root:<id>}, {@code reply:<outbox id>}…), or null. */
    public String deliveryKey() {
        return DELIVERY_EVENT.equals(metadataEventType) ? metadataPayload.get("delivery_key") : null;
    }

    public Instant postedAt() {
        return postedAt;
    }

    /** The updates applied, oldest first. */
    public synchronized List<Edit> edits() {
        return List.copyOf(edits);
    }

    public synchronized boolean deleted() {
        return deleted;
    }

    /** True for a top-level message (not a reply in a thread). */
    public boolean topLevel() {
        return threadTs == null || threadTs.equals(ts);
    }

    /** Text of the current blocks plus the fallback text, for "shows X somewhere" assertions. */
    public synchronized String renderedText() {
        return text + "\n" + (blocks == null ? "" : blocks.toString());
    }

    synchronized void update(String newText, JsonNode newBlocks, Instant at) {
        edits.add(new Edit(newText, newBlocks, at));
        if (newText != null) {
            text = newText;
        }
        if (newBlocks != null) {
            blocks = newBlocks;
        }
    }

    synchronized void delete() {
        deleted = true;
    }

    @Override
    public String toString() {
        return channel + "/" + ts + (threadTs == null ? "" : " in " + threadTs) + " [" + deliveryKey() + "] " + text;
    }
}
