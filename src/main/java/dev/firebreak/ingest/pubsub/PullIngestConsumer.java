package dev.firebreak.ingest.pubsub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.firebreak.ingest.AlertIngestor;
import dev.firebreak.ingest.InboundMessage;
import dev.firebreak.ingest.IngestUnavailableException;

/**
 * The pull channel's only consumer: every message goes through {@link AlertIngestor} and is acknowledged once its
 * outcome is committed (quarantined included); a message that could not be committed goes back to Pub/Sub.
 */
@ApplicationScoped
public class PullIngestConsumer {
    /** The messaging channel (and its worker pool, sized by {@code firebreak.pubsub.pull.concurrency}). */
    public static final String CHANNEL = "firebreak-pubsub-pull";
    private static final Logger LOG = Logger.getLogger(PullIngestConsumer.class);

    private final AlertIngestor ingestor;
    private final PubSubPullConfig config;

    public PullIngestConsumer(AlertIngestor ingestor, PubSubPullConfig config) {
        this.ingestor = ingestor;
        this.config = config;
    }

    @Incoming(CHANNEL)
    @Blocking(value = CHANNEL, ordered = false)
    public CompletionStage<Void> consume(Message<InboundMessage> message) {
        InboundMessage inbound = message.getPayload();
        boolean admitted = message.getMetadata(PullDelivery.class).map(PullDelivery::admitted).orElse(true);
        if (!admitted) {
            return message.nack(new PullStoppingException(inbound.messageId()));
        }
        LOG.debugf("ingesting message %s", inbound.messageId());
        try {
            ingestor.ingest(inbound);
        } catch (IngestUnavailableException e) {
            return nackLater(message, e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "pulled message %s could not be ingested; handing it back", inbound.messageId());
            return message.nack(e);
        }
        return message.ack();
    }

    /** Holds the message back a little (it stays leased) so a database outage does not become a redelivery storm. */
    private CompletionStage<Void> nackLater(Message<InboundMessage> message, IngestUnavailableException failure) {
        long delayMillis = config.pull().nackDelay().toMillis();
        if (delayMillis <= 0) {
            return message.nack(failure);
        }
        return CompletableFuture.runAsync(() -> {
        }, CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> message.nack(failure));
    }
}
