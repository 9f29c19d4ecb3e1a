package dev.firebreak.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import dev.firebreak.ingest.gcm.GcmParseResult;

/**
 * Group commit: concurrent messages are applied in one database transaction, and each caller is answered only after
 * that transaction committed. A few committer threads each take whatever is queued (up to a batch limit) and wait a
 * moment for more unless the batch already has company enough, so batches grow with the load and a single message waits
 * at most that moment. A failed batch is retried message by message, so one bad apple costs only itself.
 */
@ApplicationScoped
public class GroupCommitter {
    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

    private final BlockingQueue<Pending> queue;
    private final List<Thread> committers = new ArrayList<>();
    private final InboxTransaction transaction;
    private final IngestConfig config;
    private final DistributionSummary batchSizes;
    private volatile boolean running = true;

    /** One queued message, when it was queued, and its caller's answer. */
    private record Pending(InboundMessage message, GcmParseResult.Parsed parsed, long queuedAtNanos,
            CompletableFuture<InboxTransaction.Applied> result) {
    }

    public GroupCommitter(InboxTransaction transaction, IngestConfig config, MeterRegistry registry) {
        this.transaction = transaction;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.groupCommit().queueCapacity());
        this.batchSizes = DistributionSummary.builder("firebreak.ingest.batch.size")
                .description("Messages committed together in one transaction")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        for (int i = 0; i < config.groupCommit().committers(); i++) {
            Thread thread = new Thread(this::run, "ingest-committer-" + i);
            thread.setDaemon(true);
            committers.add(thread);
            thread.start();
        }
    }

    /** Commits one message (with others) and returns its outcome once committed. */
    public InboxTransaction.Applied commit(InboundMessage message, GcmParseResult.Parsed parsed) throws Exception {
        Pending pending = new Pending(message, parsed, System.nanoTime(), new CompletableFuture<>());
        if (!running || !queue.offer(pending, config.groupCommit().enqueueTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("ingest queue full");
        }
        try {
            return pending.result().get(config.groupCommit().answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            // still in the queue or in flight: it commits or not, and the redelivery is absorbed as a duplicate
            throw new IllegalStateException("commit took longer than the answer timeout", e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch, first.queuedAtNanos() + config.groupCommit().maxWait().toNanos());
                commitBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "ingest committer failed");
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills the batch with what is queued, waiting for more until the deadline (measured from when its first message was
     * queued, so a message that already waited for a committer waits no longer) or until it holds the target. Every
     * transaction has a fixed cost (its round trips and its commit); at moderate rates a few milliseconds of company
     * halve what each message costs, and under load the target ends the wait, so the wait never caps the peak.
     */
    private void gather(List<Pending> batch, long deadlineNanos) throws InterruptedException {
        int max = config.groupCommit().maxBatch();
        int enough = Math.min(max, config.groupCommit().targetBatch());
        queue.drainTo(batch, max - batch.size());
        long wait;
        while (batch.size() < enough && (wait = deadlineNanos - System.nanoTime()) > 0) {
            Pending next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, max - batch.size());
        }
    }

    private void commitBatch(List<Pending> batch) {
        batchSizes.record(batch.size());
        if (batch.size() > 1) {
            try {
                List<InboxTransaction.Applied> results = transaction.recordAll(
                        batch.stream().map(Pending::message).toList(), batch.stream().map(Pending::parsed).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results.get(i));
                }
                return;
            } catch (Exception e) {
                LOG.debugf("batch of %d failed (%s), committing one by one", batch.size(), e.getMessage());
            }
        }
        for (Pending pending : batch) {
            try {
                pending.result().complete(transaction.record(pending.message(), pending.parsed()));
            } catch (Exception e) {
                pending.result().completeExceptionally(e);
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        for (Thread thread : committers) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
