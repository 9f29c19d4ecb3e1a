package dev.firebreak.ingest.pubsub;

/**
 * Message metadata of a pulled message: which subscriber session delivered it, so a message that was still waiting
 * when that session began to stop is handed back instead of started.
 */
public final class PullDelivery {
    private final PullSession session;
    private final String messageId;

    PullDelivery(PullSession session, String messageId) {
        this.session = session;
        this.messageId = messageId;
    }

    /** Whether the message may still be ingested (its subscriber is not stopping). */
    public boolean admitted() {
        return session.admits();
    }

    /** The Pub/Sub message id. */
    public String messageId() {
        return messageId;
    }
}
