package dev.firebreak.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.incident.AlertApplyResult;
import dev.firebreak.incident.IncidentIngestService;
import dev.firebreak.ingest.gcm.ContentKey;
import dev.firebreak.ingest.gcm.GcmParseResult;

/**
 * One database transaction per message: the inbox row, the incident change, its timeline event and its outbox row
 * commit together or not at all.
 */
@ApplicationScoped
public class InboxTransaction {
    private final DataSource dataSource;
    private final InboxStore inbox;
    private final IncidentIngestService incidents;
    private final IngestConfig config;
    private final Clock clock;

    public InboxTransaction(DataSource dataSource, InboxStore inbox, IncidentIngestService incidents, IngestConfig config,
            Clock clock) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.incidents = incidents;
        this.config = config;
        this.clock = clock;
    }

    /** Records a parsed notification and applies it; returns the final outcome. */
    @Transactional(rollbackOn = Exception.class)
    public Applied record(InboundMessage message, GcmParseResult.Parsed parsed) throws SQLException {
        return recordInTransaction(message, parsed);
    }

    /**
     * Records and applies several notifications in one transaction (group commit): each stays idempotent on its own,
     * and they commit together or not at all.
     */
    @Transactional(rollbackOn = Exception.class)
    public List<Applied> recordAll(List<InboundMessage> messages, List<GcmParseResult.Parsed> parsed) throws SQLException {
        List<Applied> results = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            results.add(recordInTransaction(messages.get(i), parsed.get(i)));
        }
        return results;
    }

    private Applied recordInTransaction(InboundMessage message, GcmParseResult.Parsed parsed) throws SQLException {
        Alert alert = parsed.alert();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            IngestResult.Outcome initial = alert.testNotification()
                    ? IngestResult.Outcome.TEST
                    : alert.state() == AlertState.UNKNOWN ? IngestResult.Outcome.UNKNOWN_STATE : null;
            Optional<Long> inboxId = inbox.insert(c, message, parsed.contentKey(),
                    initial == null ? "pending" : initial.wireName(), parsed.alert().schemaVersion(),
                    alert.sourceIncidentId(), alert.rawState(), parsed.json(), config.rawJsonMaxBytes(), now);
            if (inboxId.isEmpty()) {
                return new Applied(IngestResult.of(IngestResult.Outcome.DUPLICATE, null), null);
            }
            if (initial != null) {
                return new Applied(IngestResult.of(initial, null), null);
            }
            AlertApplyResult applied = incidents.apply(alert);
            IngestResult.Outcome outcome = switch (applied.outcome()) {
                case OPENED -> IngestResult.Outcome.OPENED;
                case UPDATED -> IngestResult.Outcome.UPDATED;
                case NO_CHANGE -> IngestResult.Outcome.NO_CHANGE;
                case STALE -> IngestResult.Outcome.STALE;
            };
            inbox.complete(c, inboxId.get(), outcome.wireName(), applied.incidentId());
            return new Applied(IngestResult.of(outcome, applied.incidentId()), applied);
        }
    }

    /** Keeps an unprocessable message in quarantine. */
    @Transactional(rollbackOn = Exception.class)
    public Applied quarantine(InboundMessage message, String reasonCode, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean first = inbox.quarantine(c, message, ContentKey.sha256(message.data()), reasonCode, reason,
                    config.quarantineMaxBytes(), clock.instant());
            return new Applied(new IngestResult(first ? IngestResult.Outcome.QUARANTINED : IngestResult.Outcome.DUPLICATE,
                    null, reasonCode, reason), null);
        }
    }

    /**
     * Result plus the incident change behind it (for metrics).
     *
     * @param result the final outcome
     * @param change the incident change, null when no incident was touched
     */
    public record Applied(IngestResult result, AlertApplyResult change) {
    }
}
