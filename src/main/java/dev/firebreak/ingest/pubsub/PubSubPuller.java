package dev.firebreak.ingest.pubsub;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.google.api.core.ApiService;

import io.quarkus.runtime.ShutdownEvent;

import dev.firebreak.ingest.InboundMessage;

/**
 * Runs the pull subscriber behind the messaging channel: started when the channel connects, restarted after a
 * failure, drained on shutdown (and on {@link #stop()}), so a message is acknowledged only once it is committed.
 */
@ApplicationScoped
public class PubSubPuller {
    private static final Logger LOG = Logger.getLogger(PubSubPuller.class);

    private final PubSubPullConfig config;
    private final PullMetrics metrics;
    private final Map<String, String> env;

    private Consumer<Message<InboundMessage>> sink;
    private PullSession session;
    private ScheduledExecutorService restarts;
    private boolean shuttingDown;
    private volatile String lastFailure;

    public PubSubPuller(PubSubPullConfig config, PullMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.env = System.getenv();
        if (config.pull().enabled()) {
            metrics.subscriberRunning(() -> status().running());
        }
    }

    /** The validated settings; throws {@link IllegalStateException} naming what is missing. */
    public PullSettings settings() {
        return PullSettings.resolve(config, env);
    }

    /** Connects the messaging channel and starts pulling into it. */
    synchronized void attach(Consumer<Message<InboundMessage>> channel) {
        if (sink != null && sink != channel) {
            throw new IllegalStateException("the " + PubSubPullConnector.NAME + " connector feeds one channel only");
        }
        sink = channel;
        start();
    }

    /** The messaging channel went away: stop pulling. */
    void detach() {
        stop();
        synchronized (this) {
            sink = null;
        }
    }

    /** Starts pulling; does nothing while a subscriber is starting or running. */
    public synchronized void start() {
        if (sink == null) {
            throw new IllegalStateException("the pull channel is not connected (is firebreak.pubsub.pull.enabled true?)");
        }
        if (shuttingDown || session != null && isActive(session.state())) {
            return;
        }
        PullSettings settings = settings();
        session = PullSession.start(settings, sink, metrics, this::onFailure);
        LOG.infof("pulling Pub/Sub messages from %s", settings.describe());
    }

    /**
     * Stops pulling: messages not yet started go back to Pub/Sub, the ones being ingested finish (bounded by
     * {@code firebreak.pubsub.pull.shutdown-timeout}); returns when the acknowledgements are sent.
     */
    public void stop() {
        PullSession stopping;
        synchronized (this) {
            stopping = session;
            session = null;
        }
        if (stopping != null) {
            stopping.drain();
        }
    }

    /** What the subscriber is doing, for the readiness check. */
    public synchronized PullStatus status() {
        if (!config.pull().enabled()) {
            return new PullStatus(false, false, "DISABLED", null, null);
        }
        if (sink == null) {
            return new PullStatus(true, false, "NOT_CONNECTED", null, lastFailure);
        }
        if (session == null) {
            return new PullStatus(true, false, "STOPPED", null, lastFailure);
        }
        ApiService.State state = session.state();
        boolean running = state == ApiService.State.RUNNING;
        return new PullStatus(true, running, state.name(), session.settings().subscription().toString(),
                running ? null : lastFailure);
    }

    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        synchronized (this) {
            shuttingDown = true;
            if (restarts != null) {
                restarts.shutdownNow();
            }
        }
        stop();
    }

    private void onFailure(PullSession failed, Throwable failure) {
        lastFailure = describe(failure);
        synchronized (this) {
            if (session != failed || shuttingDown) {
                return;
            }
            LOG.errorf("pulling from %s failed (%s); trying again in %s", failed.settings().subscription(), lastFailure,
                    failed.settings().restartDelay());
            if (restarts == null) {
                restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "firebreak-pubsub-pull-restart");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            restarts.schedule(() -> restartIfStillFailed(failed), failed.settings().restartDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void restartIfStillFailed(PullSession failed) {
        if (session == failed && !shuttingDown && sink != null) {
            session = null;
            try {
                start();
            } catch (RuntimeException e) {
                LOG.errorf("could not restart pulling: %s", e.getMessage());
            }
        }
    }

    private static boolean isActive(ApiService.State state) {
        return state == ApiService.State.NEW || state == ApiService.State.STARTING || state == ApiService.State.RUNNING;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? failure.getMessage() : root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * The subscriber as seen by the readiness check.
     *
     * @param enabled whether pull is enabled
     * @param running whether the subscriber is running
     * @param state {@code DISABLED}, {@code NOT_CONNECTED}, {@code STOPPED} or the subscriber's state
     * @param subscription full subscription name, null when no subscriber exists
     * @param lastFailure why the last subscriber failed, null when it is running or never failed
     */
    public record PullStatus(boolean enabled, boolean running, String state, String subscription, String lastFailure) {
    }
}
