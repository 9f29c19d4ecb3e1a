package dev.firebreak.ingest.pubsub;

import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.reactive.messaging.connector.InboundConnector;

import dev.firebreak.ingest.InboundMessage;

/**
 * Our messaging connector for Pub/Sub streaming pull: the channel receives {@link InboundMessage}s whose ack and nack
 * reach Pub/Sub. The buffer between the subscriber and the channel is bounded by Pub/Sub flow control. While pull is
 * disabled it yields an empty stream and creates no Pub/Sub client.
 */
@ApplicationScoped
@Connector(PubSubPullConnector.NAME)
public class PubSubPullConnector implements InboundConnector {
    /** The connector name used in {@code mp.messaging.incoming.<channel>.connector}. */
    public static final String NAME = "firebreak-pubsub";

    private static final Logger LOG = Logger.getLogger(PubSubPullConnector.class);

    private final PubSubPuller puller;
    private final PubSubPullConfig config;

    public PubSubPullConnector(PubSubPuller puller, PubSubPullConfig config) {
        this.puller = puller;
        this.config = config;
    }

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config channelConfig) {
        if (!config.pull().enabled()) {
            LOG.debug("Pub/Sub pull is disabled: the pull channel stays empty and nothing connects to Pub/Sub");
            return Multi.createFrom().empty();
        }
        puller.settings(); // fails the deployment right away with the missing settings
        return Multi.createFrom().<Message<InboundMessage>>emitter(emitter -> {
            emitter.onTermination(puller::detach);
            puller.attach(emitter::emit);
        }, BackPressureStrategy.BUFFER);
    }
}
