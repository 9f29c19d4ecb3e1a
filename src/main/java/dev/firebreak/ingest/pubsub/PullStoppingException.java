package dev.firebreak.ingest.pubsub;

/**
 * The subscriber that delivered a message is stopping and the message was not started: it goes back to Pub/Sub.
 */
public class PullStoppingException extends RuntimeException {
    public PullStoppingException(String messageId) {
        super("the pull subscriber is stopping; message " + messageId + " is handed back for redelivery", null, false,
                false);
    }
}
