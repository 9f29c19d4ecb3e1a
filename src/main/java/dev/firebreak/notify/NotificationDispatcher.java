package dev.firebreak.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Delivers the outbox: polls for incidents with due events, takes each incident's lease (so replicas never deliver one
 * incident concurrently and order per incident holds), hands the events to the {@link Notifier}, and records what
 * happened: delivered, retried with exponential backoff and jitter (or exactly the channel's {@code Retry-After}), or
 * failed permanently.
 */
@ApplicationScoped
public class NotificationDispatcher {
    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    /** A notice read for the batch is used only this long; later deliveries (a slow channel) read the incident anew. */
    private static final long NOTICE_FRESH_NANOS = Duration.ofSeconds(2).toNanos();
    /** Delivered events wait at most this long to be marked while their batch goes on. */
    private static final long MARK_WITHIN_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int CHANNEL_DOWN_FAILURES = 2;

    private final String owner = "replica-" + UUID.randomUUID();
    private final NotifyStore store;
    private final NoticeBuilder notices;
    private final Notifier notifier;
    private final NotifyMetrics metrics;
    private final NotifyConfig config;
    private final Clock clock;
    /**
     * Transient failures since the last successful delivery. Two or more in a row mean the channel was down, so the
     * next success makes every event waiting out a backoff due at once; a single failing incident among successes
     * keeps its backoff. Starts as if after an outage, for the backoffs an earlier run left.
     */
    private volatile int failuresInARow = CHANNEL_DOWN_FAILURES;

    public NotificationDispatcher(NotifyStore store, NoticeBuilder notices, Notifier notifier, NotifyMetrics metrics,
            NotifyConfig config, Clock clock) {
        this.store = store;
        this.notices = notices;
        this.notifier = notifier;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${firebreak.notify.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = DisabledPredicate.class)
    void poll() {
        try {
            // keep going while whole batches are due (a backlog after an outage), but yield within a few poll intervals
            long until = System.nanoTime() + config.pollInterval().multipliedBy(5).toNanos();
            while (deliverDue() >= config.batchSize() && System.nanoTime() < until) {
                LOG.debug("a full batch was due, delivering the next one");
            }
            long[] outbox = store.depthAndOldestAgeSeconds();
            metrics.outbox(outbox[0], outbox[1]);
        } catch (RuntimeException e) {
            LOG.warnf("notification poll failed, will retry: %s", e.getMessage());
        }
    }

    /**
     * One pass over the due incidents; returns how many incidents were handled. Leases, pending events and notices of
     * the whole batch are read with one statement each; a lease older than half its duration is renewed before its
     * incident is delivered, so a slow channel never lets another replica deliver the same incident concurrently.
     * Delivered events are marked together with the leases' release, or sooner when a slow channel keeps the batch
     * going; a crash in between only repeats deliveries the notifier recognises (Slack looks up its recorded posts).
     */
    public int deliverDue() {
        List<Long> leased = store.tryLeaseAll(store.dueIncidents(config.batchSize()), owner, config.lease());
        if (leased.isEmpty()) {
            return 0;
        }
        long leasedAt = System.nanoTime();
        List<Long> delivered = new ArrayList<>();
        try {
            Map<Long, List<OutboxEvent>> pending = store.pendingAll(leased);
            List<Long> withEvents = leased.stream().filter(id -> !pending.getOrDefault(id, List.of()).isEmpty()).toList();
            Map<Long, IncidentNotice> batchNotices = notices.buildAll(withEvents);
            long markedAt = leasedAt;
            for (long incidentId : withEvents) {
                long age = System.nanoTime() - leasedAt;
                boolean leaseAging = age > config.lease().toNanos() / 2;
                if (leaseAging && !store.tryLease(incidentId, owner, config.lease())) {
                    continue;
                }
                deliver(incidentId, leaseAging ? store.pending(incidentId) : pending.get(incidentId),
                        age > NOTICE_FRESH_NANOS
                                ? notices.build(incidentId)
                                : Optional.ofNullable(batchNotices.get(incidentId)),
                        delivered);
                if (!delivered.isEmpty() && System.nanoTime() - markedAt > MARK_WITHIN_NANOS) {
                    store.markDelivered(delivered);
                    delivered.clear();
                    markedAt = System.nanoTime();
                }
            }
        } finally {
            store.finish(delivered, leased, owner);
        }
        return leased.size();
    }

    private void deliver(long incidentId, List<OutboxEvent> events, Optional<IncidentNotice> notice,
            List<Long> delivered) {
        if (events.isEmpty()) {
            return;
        }
        if (notice.isEmpty()) {
            store.markFailed(incidentId, notifier.name(), "the incident no longer exists");
            return;
        }
        DeliveryResult result;
        try {
            result = notifier.deliver(notice.get(), events);
        } catch (RuntimeException e) {
            LOG.warnf("delivery of incident %d failed unexpectedly: %s", incidentId, e.getMessage());
            result = DeliveryResult.retry(Set.of(), null, "unexpected: " + e.getClass().getSimpleName());
        }
        switch (result.outcome()) {
            case DONE -> {
                delivered.addAll(result.delivered());
                if (!result.delivered().isEmpty() && failuresInARow > 0) {
                    boolean channelWasDown = failuresInARow >= CHANNEL_DOWN_FAILURES;
                    failuresInARow = 0;
                    int due = channelWasDown ? store.bringForwardBackoffs() : 0;
                    if (due > 0) {
                        LOG.infof("%s delivers again: %d events waiting out a backoff are due now", notifier.name(), due);
                    }
                }
            }
            case RETRY -> {
                store.markDelivered(result.delivered());
                int attempts = events.stream().mapToInt(OutboxEvent::attempts).max().orElse(0);
                boolean backingOff = result.retryAfter() == null;
                Duration wait = backingOff ? backoff(attempts) : result.retryAfter();
                if (backingOff) {
                    failuresInARow++;
                }
                store.reschedule(incidentId, clock.instant().plus(wait), result.error(), backingOff);
                LOG.infof("delivery of incident %d postponed by %s: %s", incidentId, wait, result.error());
            }
            case PERMANENT -> {
                store.markDelivered(result.delivered());
                store.markFailed(incidentId, notifier.name(), result.error());
                LOG.errorf("delivery of incident %d failed permanently: %s", incidentId, result.error());
            }
        }
    }

    /** Exponential backoff with full jitter between half and the whole of the step, capped. */
    Duration backoff(int attempts) {
        long base = config.backoffBase().toMillis();
        long step = Math.min(config.backoffMax().toMillis(), base << Math.min(attempts, 20));
        long jittered = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
        return Duration.ofMillis(Math.max(base, jittered));
    }

    /** Skips polling when delivery is disabled on this replica. */
    @ApplicationScoped
    public static class DisabledPredicate implements Scheduled.SkipPredicate {
        private final NotifyConfig config;

        public DisabledPredicate(NotifyConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
