package dev.firebreak.ingest;

import java.sql.SQLException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.firebreak.ingest.gcm.GcmNotificationParser;
import dev.firebreak.ingest.gcm.GcmParseResult;

/**
 * The single entry point of ingestion: push and pull both end here. Every returned result is committed, so the
 * caller may acknowledge; an {@link IngestUnavailableException} means nothing was committed and the caller must not.
 */
@ApplicationScoped
public class AlertIngestor {
    private static final Logger LOG = Logger.getLogger(AlertIngestor.class);

    /** Serialization failure, deadlock, and a unique violation from a concurrent replica: safe to run again. */
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "23505");

    private final GcmNotificationParser parser = new GcmNotificationParser(BoundedJson.mapper());
    private final InboxTransaction transaction;
    private final GroupCommitter groupCommitter;
    private final IngestMetrics metrics;
    private final IngestConfig config;

    public AlertIngestor(InboxTransaction transaction, GroupCommitter groupCommitter, IngestMetrics metrics,
            IngestConfig config) {
        this.transaction = transaction;
        this.groupCommitter = groupCommitter;
        this.metrics = metrics;
        this.config = config;
    }

    /** Parses, deduplicates and durably applies one message. */
    public IngestResult ingest(InboundMessage message) {
        long start = System.nanoTime();
        metrics.received(message);
        GcmParseResult parsed = parser.parse(message.data());
        InboxTransaction.Applied applied;
        if (parsed instanceof GcmParseResult.Parsed notification) {
            applied = commit(message, () -> config.groupCommit().enabled()
                    ? groupCommitter.commit(message, notification)
                    : transaction.record(message, notification));
        } else {
            GcmParseResult.Rejected rejected = (GcmParseResult.Rejected) parsed;
            applied = commit(message, () -> transaction.quarantine(message, rejected.code(), rejected.detail()));
        }
        metrics.recorded(message, applied, start);
        return applied.result();
    }

    /** Keeps a message the transport layer already found unusable (not an envelope, bad base64). */
    public IngestResult quarantine(InboundMessage message, String reasonCode, String reason) {
        long start = System.nanoTime();
        metrics.received(message);
        InboxTransaction.Applied applied = commit(message, () -> transaction.quarantine(message, reasonCode, reason));
        metrics.recorded(message, applied, start);
        return applied.result();
    }

    private InboxTransaction.Applied commit(InboundMessage message, Work work) {
        for (int attempt = 0;; attempt++) {
            try {
                return work.run();
            } catch (Exception e) {
                if (isConflict(e) && attempt < config.conflictRetries()) {
                    LOG.debugf("write conflict on message %s, retrying", message.messageId());
                    continue;
                }
                metrics.unavailable();
                LOG.warnf("message %s not committed, handing it back for redelivery: %s", message.messageId(),
                        rootMessage(e));
                throw new IngestUnavailableException("the message could not be committed", e);
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // pool errors (e.g. an acquisition timeout) carry no SQL state, and Set.of(...).contains(null) throws
            if (t instanceof SQLException sql && sql.getSQLState() != null && RETRYABLE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @FunctionalInterface
    private interface Work {
        InboxTransaction.Applied run() throws Exception;
    }
}
