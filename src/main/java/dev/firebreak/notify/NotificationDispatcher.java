package dev.firebreak.notify;

import java.time.Clock;
import java.time.Duration;
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

    private final String owner = "replica-" + UUID.randomUUID();
    private final NotifyStore store;
    private final NoticeBuilder notices;
    private final Notifier notifier;
    private final NotifyMetrics metrics;
    private final NotifyConfig config;
    private final Clock clock;

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
     */
    public int deliverDue() {
        List<Long> leased = store.tryLeaseAll(store.dueIncidents(config.batchSize()), owner, config.lease());
        if (leased.isEmpty()) {
            return 0;
        }
        long leasedAt = System.nanoTime();
        try {
            Map<Long, List<OutboxEvent>> pending = store.pendingAll(leased);
            List<Long> withEvents = leased.stream().filter(id -> !pending.getOrDefault(id, List.of()).isEmpty()).toList();
            Map<Long, IncidentNotice> batchNotices = notices.buildAll(withEvents);
            for (long incidentId : withEvents) {
                long age = System.nanoTime() - leasedAt;
                boolean leaseAging = age > config.lease().toNanos() / 2;
                if (leaseAging && !store.tryLease(incidentId, owner, config.lease())) {
                    continue;
                }
                deliver(incidentId, leaseAging ? store.pending(incidentId) : pending.get(incidentId),
                        age > NOTICE_FRESH_NANOS
                                ? notices.build(incidentId)
                                : Optional.ofNullable(batchNotices.get(incidentId)));
            }
        } finally {
            store.releaseAll(leased, owner);
        }
        return leased.size();
    }

    private void deliver(long incidentId, List<OutboxEvent> events, Optional<IncidentNotice> notice) {
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
        store.markDelivered(result.delivered());
        switch (result.outcome()) {
            case DONE -> {
            }
            case RETRY -> {
                int attempts = events.stream().mapToInt(OutboxEvent::attempts).max().orElse(0);
                Duration wait = result.retryAfter() != null ? result.retryAfter() : backoff(attempts);
                store.reschedule(incidentId, clock.instant().plus(wait), result.error());
                LOG.infof("delivery of incident %d postponed by %s: %s", incidentId, wait, result.error());
            }
            case PERMANENT -> {
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
