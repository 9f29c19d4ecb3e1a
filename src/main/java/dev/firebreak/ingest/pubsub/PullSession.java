package dev.firebreak.ingest.pubsub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.google.api.core.ApiService;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.batching.FlowController;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriberShutdownSettings;
import com.google.pubsub.v1.PubsubMessage;

import io.grpc.ManagedChannel;

import dev.firebreak.ingest.InboundMessage;
import dev.firebreak.ingest.IngestUnavailableException;

/**
 * One streaming-pull {@link Subscriber} and the messages it hands to the messaging channel. Each message's ack and
 * nack go straight to Pub/Sub; once the session drains, messages not yet started are handed back, the ones being
 * ingested finish (bounded by the shutdown timeout), and whatever is still unacknowledged is redelivered later.
 */
final class PullSession {
    private static final Logger LOG = Logger.getLogger(PullSession.class);
    /** Extra time over the library's own bounded wait before we stop waiting for it. */
    private static final long STOP_MARGIN_MILLIS = 5_000;
    private static final long CHANNEL_CLOSE_MILLIS = 2_000;

    private final PullSettings settings;
    private final Subscriber subscriber;
    private final ManagedChannel emulatorChannel;
    private final AtomicBoolean draining = new AtomicBoolean();

    private PullSession(PullSettings settings, Consumer<Message<InboundMessage>> sink, PullMetrics metrics,
            BiConsumer<PullSession, Throwable> onFailure) {
        this.settings = settings;
        String subscriptionName = settings.subscription().toString();
        MessageReceiver receiver = (PubsubMessage message, AckReplyConsumer reply) -> {
            if (!admits()) {
                reply.nack();
                metrics.nacked(PullMetrics.STOPPING);
                return;
            }
            InboundMessage inbound = PulledMessages.toInbound(message, subscriptionName);
            LOG.debugf("received message %s (delivery attempt %s)", inbound.messageId(), inbound.deliveryAttempt());
            sink.accept(toMessage(inbound, reply, metrics));
        };
        Subscriber.Builder builder = Subscriber.newBuilder(settings.subscription(), receiver)
                .setFlowControlSettings(FlowControlSettings.newBuilder()
                        .setMaxOutstandingElementCount(settings.maxOutstandingMessages())
                        .setMaxOutstandingRequestBytes(settings.maxOutstandingBytes())
                        .setLimitExceededBehavior(FlowController.LimitExceededBehavior.Block)
                        .build())
                .setSubscriberShutdownSettings(SubscriberShutdownSettings.newBuilder()
                        .setMode(SubscriberShutdownSettings.ShutdownMode.WAIT_FOR_PROCESSING)
                        .setTimeout(settings.shutdownTimeout())
                        .build())
                .setParallelPullCount(1);
        if (settings.emulatorHost().isPresent()) {
            emulatorChannel = EmulatorChannels.plaintext(settings.emulatorHost().get());
            builder.setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(emulatorChannel)))
                    .setCredentialsProvider(NoCredentialsProvider.create());
        } else {
            // the builder's defaults: Google's endpoint with application-default credentials
            emulatorChannel = null;
        }
        this.subscriber = builder.build();
        subscriber.addListener(new ApiService.Listener() {
            @Override
            public void failed(ApiService.State from, Throwable failure) {
                onFailure.accept(PullSession.this, failure);
            }
        }, Runnable::run);
    }

    /** Builds the subscriber and starts pulling (asynchronously; failures arrive through {@code onFailure}). */
    static PullSession start(PullSettings settings, Consumer<Message<InboundMessage>> sink, PullMetrics metrics,
            BiConsumer<PullSession, Throwable> onFailure) {
        PullSession session = new PullSession(settings, sink, metrics, onFailure);
        session.subscriber.startAsync();
        return session;
    }

    /** False once draining began: messages not yet started must be handed back. */
    boolean admits() {
        return !draining.get();
    }

    /** The subscriber's state, e.g. {@code RUNNING} or {@code FAILED}. */
    ApiService.State state() {
        return subscriber.state();
    }

    /** The failure that stopped the subscriber, or null. */
    Throwable failure() {
        return subscriber.state() == ApiService.State.FAILED ? subscriber.failureCause() : null;
    }

    PullSettings settings() {
        return settings;
    }

    /**
     * Stops pulling, lets the messages being ingested finish (bounded), hands the rest back and waits until the
     * acknowledgements are sent.
     */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        try {
            subscriber.stopAsync();
            subscriber.awaitTerminated(settings.shutdownTimeout().toMillis() + STOP_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
            LOG.infof("stopped pulling from %s in %d ms", settings.subscription(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (TimeoutException e) {
            LOG.warnf("pulling from %s did not stop within %s; unacknowledged messages will be redelivered",
                    settings.subscription(), settings.shutdownTimeout());
        } catch (IllegalStateException failed) {
            LOG.debugf("subscriber of %s had already failed: %s", settings.subscription(), failed.getMessage());
        } finally {
            closeEmulatorChannel();
        }
    }

    /** Lets the emulator finish the half-closed stream (see {@link EmulatorChannels}) before the channel goes. */
    private void closeEmulatorChannel() {
        if (emulatorChannel == null) {
            return;
        }
        emulatorChannel.shutdown();
        try {
            if (!emulatorChannel.awaitTermination(CHANNEL_CLOSE_MILLIS, TimeUnit.MILLISECONDS)) {
                emulatorChannel.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulatorChannel.shutdownNow();
        }
    }

    private Message<InboundMessage> toMessage(InboundMessage inbound, AckReplyConsumer reply, PullMetrics metrics) {
        AtomicBoolean settled = new AtomicBoolean();
        return Message.of(inbound, Metadata.of(new PullDelivery(this, inbound.messageId())), () -> {
            if (settled.compareAndSet(false, true)) {
                reply.ack();
                metrics.acked();
            }
            return done();
        }, failure -> {
            if (settled.compareAndSet(false, true)) {
                reply.nack();
                metrics.nacked(nackReason(failure));
            }
            return done();
        });
    }

    private static String nackReason(Throwable failure) {
        if (failure instanceof PullStoppingException) {
            return PullMetrics.STOPPING;
        }
        return failure instanceof IngestUnavailableException ? PullMetrics.UNAVAILABLE : PullMetrics.ERROR;
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
