package dev.firebreak.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
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
        return recordInTransaction(List.of(message), List.of(parsed)).get(0);
    }

    /**
     * Records and applies several notifications in one transaction (group commit): each stays idempotent on its own,
     * the outcome is what recording them one after the other gives, and they commit together or not at all.
     */
    @Transactional(rollbackOn = Exception.class)
    public List<Applied> recordAll(List<InboundMessage> messages, List<GcmParseResult.Parsed> parsed) throws SQLException {
        return recordInTransaction(messages, parsed);
    }

    /** The inbox rows of all messages in one insert, their incidents, then their outcomes in one update. */
    private List<Applied> recordInTransaction(List<InboundMessage> messages, List<GcmParseResult.Parsed> parsed)
            throws SQLException {
        int n = messages.size();
        IngestResult.Outcome[] initial = new IngestResult.Outcome[n];
        List<InboxStore.NewMessage> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Alert alert = parsed.get(i).alert();
            initial[i] = alert.testNotification()
                    ? IngestResult.Outcome.TEST
                    : alert.state() == AlertState.UNKNOWN ? IngestResult.Outcome.UNKNOWN_STATE : null;
            rows.add(new InboxStore.NewMessage(messages.get(i), parsed.get(i).contentKey(),
                    initial[i] == null ? "pending" : initial[i].wireName(), alert.schemaVersion(), alert.sourceIncidentId(),
                    alert.rawState(), parsed.get(i).json(), clock.instant()));
        }
        try (Connection c = dataSource.getConnection()) {
            useGenericPlans(c);
            List<Optional<Long>> inboxIds = inbox.insertAll(c, rows, config.rawJsonMaxBytes());
            Applied[] results = new Applied[n];
            List<Integer> toApply = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (inboxIds.get(i).isEmpty()) {
                    results[i] = new Applied(IngestResult.of(IngestResult.Outcome.DUPLICATE, null), null);
                } else if (initial[i] != null) {
                    results[i] = new Applied(IngestResult.of(initial[i], null), null);
                } else {
                    toApply.add(i);
                }
            }
            if (!toApply.isEmpty()) {
                List<AlertApplyResult> applied = incidents.applyAll(toApply.stream().map(i -> parsed.get(i).alert()).toList());
                List<InboxStore.Completion> completions = new ArrayList<>();
                for (int j = 0; j < toApply.size(); j++) {
                    int i = toApply.get(j);
                    AlertApplyResult change = applied.get(j);
                    IngestResult.Outcome outcome = switch (change.outcome()) {
                        case OPENED -> IngestResult.Outcome.OPENED;
                        case UPDATED -> IngestResult.Outcome.UPDATED;
                        case NO_CHANGE -> IngestResult.Outcome.NO_CHANGE;
                        case STALE -> IngestResult.Outcome.STALE;
                    };
                    completions.add(new InboxStore.Completion(inboxIds.get(i).get(), outcome.wireName(), change.incidentId()));
                    results[i] = new Applied(IngestResult.of(outcome, change.incidentId()), change);
                }
                inbox.completeAll(c, completions);
            }
            return List.of(results);
        }
    }

    /**
     * The ingest statements take one array per column. A plan made for the batch's actual arrays always looks cheaper to
     * PostgreSQL than its generic plan (which assumes 10 elements), so it planned them anew for every batch, at more cost
     * than running them (the incident lookup especially). Their generic plans are index lookups per element.
     */
    private static void useGenericPlans(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
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
