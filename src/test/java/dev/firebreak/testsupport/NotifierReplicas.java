package dev.firebreak.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import dev.firebreak.notify.NoticeBuilder;
import dev.firebreak.notify.NotificationDispatcher;
import dev.firebreak.notify.Notifier;
import dev.firebreak.notify.NotifyConfig;
import dev.firebreak.notify.NotifyMetrics;
import dev.firebreak.notify.NotifyStore;

/**
 * Notification dispatchers as other replicas would run them: each has its own lease owner, all share the database,
 * the notifier and the (fake) Slack of the test application.
 */
@ApplicationScoped
public class NotifierReplicas {
    private final NotifyStore store;
    private final NoticeBuilder notices;
    private final Notifier notifier;
    private final NotifyMetrics metrics;
    private final NotifyConfig config;
    private final Clock clock;

    public NotifierReplicas(NotifyStore store, NoticeBuilder notices, Notifier notifier, NotifyMetrics metrics,
            NotifyConfig config, Clock clock) {
        this.store = store;
        this.notices = notices;
        this.notifier = notifier;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** One more replica's dispatcher. */
    public NotificationDispatcher replica() {
        return new NotificationDispatcher(store, notices, notifier, metrics, config, clock);
    }

    /**
     * Starts {@code count} replicas together, each calling {@code deliverDue()} with {@code pause} in between until the
     * returned handle is closed.
     */
    public Running run(int count, Duration pause) {
        return new Running(count, pause);
    }

    /** Replicas delivering in the background; what they threw is kept for the test to assert on. */
    public final class Running implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        private final ExecutorService threads;

        private Running(int count, Duration pause) {
            threads = Executors.newFixedThreadPool(count);
            CountDownLatch start = new CountDownLatch(1);
            for (int r = 0; r < count; r++) {
                NotificationDispatcher replica = replica();
                threads.submit(() -> {
                    start.await();
                    while (!stop.get()) {
                        try {
                            replica.deliverDue();
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                        OutboxDriver.sleep(pause);
                    }
                    return null;
                });
            }
            start.countDown();
        }

        public List<Throwable> errors() {
            return List.copyOf(errors);
        }

        /** Stops the replicas and waits for them. */
        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            threads.shutdown();
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("notifier replicas did not stop within 30 s");
            }
        }
    }
}
