package dev.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

import dev.firebreak.ingest.gcm.GcmNotificationParser;
import dev.firebreak.ingest.gcm.GcmParseResult;
import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Incidents;
import dev.firebreak.testsupport.Payloads;

/**
 * Group commit applies a batch with set-based statements; whatever the batch holds, the outcome must be exactly what
 * recording its messages one after the other gives.
 */
@QuarkusTest
class BatchIngestTest {
    private static final GcmNotificationParser PARSER = new GcmNotificationParser(BoundedJson.mapper());

    @Inject
    InboxTransaction transaction;

    @Inject
    IngestConfig config;

    @Inject
    DataSource dataSource;

    @AfterEach
    void dropFaultTrigger() throws SQLException {
        sql("DROP TRIGGER IF EXISTS batch_test_fault ON incident");
    }

    @Test
    void aMixedBatchGivesWhatOneByOneGives() throws Exception {
        String seq = "seq" + UUID.randomUUID().toString().substring(0, 8);
        String bat = "bat" + UUID.randomUUID().toString().substring(0, 8);
        List<Message> oneByOne = scenario(seq);
        List<Message> batch = scenario(bat);

        List<String> sequential = new ArrayList<>();
        for (Message m : oneByOne) {
            sequential.add(transaction.record(m.message(), m.parsed()).result().outcome().name());
        }
        List<String> batched = transaction.recordAll(batch.stream().map(Message::message).toList(),
                batch.stream().map(Message::parsed).toList()).stream().map(a -> a.result().outcome().name()).toList();

        assertThat(sequential).containsExactly("OPENED", "DUPLICATE", "DUPLICATE", "OPENED", "UPDATED", "OPENED", "UPDATED",
                "TEST", "UNKNOWN_STATE", "OPENED", "UPDATED", "OPENED", "STALE", "UPDATED", "UPDATED", "DUPLICATE", "OPENED",
                "OPENED", "UPDATED", "DUPLICATE", "OPENED");
        assertThat(batched).isEqualTo(sequential);
        assertThat(state(bat)).isEqualTo(state(seq)).hasSizeGreaterThan(20);
        // the two alerts of one grouping key share one incident; the open and close of one alert leave it resolved
        assertThat(
                Db.count(dataSource, "SELECT count(DISTINCT incident_id) FROM source_alert WHERE source_incident_id IN (?, ?)",
                        bat + "-s4", bat + "-s5"))
                .isEqualTo(1);
        assertThat(Db.text(dataSource, "SELECT i.status FROM incident i JOIN source_alert s ON s.incident_id = i.id"
                + " WHERE s.source_incident_id = ?", bat + "-s3")).isEqualTo("resolved");
        // the resolved incident within the re-fire window reopened and took the new alert
        assertThat(Db.text(dataSource, "SELECT i.status || ' ' || i.alert_count FROM incident i JOIN source_alert s"
                + " ON s.incident_id = i.id WHERE s.source_incident_id = ?", bat + "-s9")).isEqualTo("open 3");
    }

    @Test
    void twoOpensOfOneKeyInOneBatchOpenOneIncident() throws Exception {
        String p = "two" + UUID.randomUUID().toString().substring(0, 8);
        List<Message> batch = List.of(open(p + "-a", p + "-pod"), open(p + "-b", p + "-pod"), open(p + "-c", p + "-other"));

        List<InboxTransaction.Applied> results = transaction.recordAll(batch.stream().map(Message::message).toList(),
                batch.stream().map(Message::parsed).toList());

        assertThat(results).extracting(a -> a.result().outcome())
                .containsExactly(IngestResult.Outcome.OPENED, IngestResult.Outcome.UPDATED, IngestResult.Outcome.OPENED);
        assertThat(results.get(1).result().incidentId()).isEqualTo(results.get(0).result().incidentId());
        assertThat(Db.text(dataSource, "SELECT string_agg(t.type, ',' ORDER BY t.id) FROM timeline_event t"
                + " WHERE t.incident_id = ?", results.get(0).result().incidentId())).isEqualTo("opened,alert_joined");
        assertThat(Db.text(dataSource, "SELECT string_agg(o.kind || '=' || t.type, ',' ORDER BY o.id) FROM outbox o"
                + " JOIN timeline_event t ON t.id = o.timeline_event_id WHERE o.incident_id = ?",
                results.get(0).result().incidentId())).isEqualTo("opened=opened,alert_joined=alert_joined");
        assertThat(Db.count(dataSource, "SELECT alert_count FROM incident WHERE id = ?", results.get(0).result().incidentId()))
                .isEqualTo(2);
        assertThat(Db.text(dataSource, "SELECT string_agg(outcome || ':' || (incident_id IS NOT NULL), ',' ORDER BY id)"
                + " FROM inbox_message WHERE source_incident_id LIKE ?", p + "-%"))
                .isEqualTo("opened:true,updated:true,opened:true");
    }

    @Test
    void aFailureInsideTheBatchRollsItAllBack() throws Exception {
        failIncidentInsertsFor("boom-%");
        String p = UUID.randomUUID().toString().substring(0, 8);
        List<Message> batch = List.of(open("ok1-" + p, "ok1-" + p), open("boom-" + p, "boom-" + p),
                open("ok2-" + p, "ok2-" + p));

        assertThatThrownBy(() -> transaction.recordAll(batch.stream().map(Message::message).toList(),
                batch.stream().map(Message::parsed).toList())).hasMessageContaining("batch test fault");

        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE source_incident_id LIKE ?", "%-" + p))
                .isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM source_alert WHERE source_incident_id LIKE ?", "%-" + p))
                .isZero();
    }

    @Test
    void aFailedBatchFallsBackToOneTransactionPerMessage() throws Exception {
        failIncidentInsertsFor("boom-%");
        String p = UUID.randomUUID().toString().substring(0, 8);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GroupCommitter committer = new GroupCommitter(transaction, oneCommitter(config, config.groupCommit().maxWait(),
                config.groupCommit().targetBatch()),
                registry);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            // the first message holds the only committer for a second, so the next three queue up and form one batch
            CompletableFuture<InboxTransaction.Applied> slow = submit(callers, committer, open("slow-" + p, "slow-" + p));
            Thread.sleep(300);
            CompletableFuture<InboxTransaction.Applied> ok1 = submit(callers, committer, open("ok1-" + p, "ok1-" + p));
            CompletableFuture<InboxTransaction.Applied> boom = submit(callers, committer, open("boom-" + p, "boom-" + p));
            CompletableFuture<InboxTransaction.Applied> ok2 = submit(callers, committer, open("ok2-" + p, "ok2-" + p));

            assertThat(slow.get(10, TimeUnit.SECONDS).result().outcome()).isEqualTo(IngestResult.Outcome.OPENED);
            assertThat(ok1.get(10, TimeUnit.SECONDS).result().outcome()).isEqualTo(IngestResult.Outcome.OPENED);
            assertThat(ok2.get(10, TimeUnit.SECONDS).result().outcome()).isEqualTo(IngestResult.Outcome.OPENED);
            assertThatThrownBy(() -> boom.get(10, TimeUnit.SECONDS)).hasMessageContaining("batch test fault");
        } finally {
            committer.stop();
            callers.shutdownNow();
        }
        assertThat(registry.find("firebreak.ingest.batch.size").summary().max()).isEqualTo(3);
        for (String ok : List.of("ok1-" + p, "ok2-" + p)) {
            assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE source_incident_id = ?", ok))
                    .isEqualTo(1);
            assertThat(Db.count(dataSource, "SELECT count(*) FROM timeline_event t JOIN source_alert s"
                    + " ON s.incident_id = t.incident_id WHERE s.source_incident_id = ?", ok)).isEqualTo(1);
            assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox o JOIN source_alert s"
                    + " ON s.incident_id = o.incident_id WHERE s.source_incident_id = ?", ok)).isEqualTo(1);
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE source_incident_id = ?", "boom-" + p))
                .isZero();
    }

    @Test
    void aMessageArrivingWithinTheWaitJoinsTheBatch() throws Exception {
        assertThat(transactionsFor(Duration.ofSeconds(1), 8)).isEqualTo(1);
    }

    @Test
    void withoutAWaitEachMessageCommitsAsItComes() throws Exception {
        assertThat(transactionsFor(Duration.ZERO, 8)).isEqualTo(2);
    }

    @Test
    void aBatchWithEnoughCompanyCommitsWithoutWaitingOut() throws Exception {
        // a 60 s wait would outlast the answer timeout: the second message ends it
        assertThat(transactionsFor(Duration.ofSeconds(60), 2)).isEqualTo(1);
    }

    /** Two messages 100 ms apart through one committer; returns in how many transactions they were committed. */
    private long transactionsFor(Duration maxWait, int targetBatch) throws Exception {
        String p = UUID.randomUUID().toString().substring(0, 8);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GroupCommitter committer = new GroupCommitter(transaction, oneCommitter(config, maxWait, targetBatch), registry);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<InboxTransaction.Applied> first = submit(callers, committer, open("w1-" + p, "w1-" + p));
            Thread.sleep(100);
            CompletableFuture<InboxTransaction.Applied> second = submit(callers, committer, open("w2-" + p, "w2-" + p));
            assertThat(first.get(10, TimeUnit.SECONDS).result().outcome()).isEqualTo(IngestResult.Outcome.OPENED);
            assertThat(second.get(10, TimeUnit.SECONDS).result().outcome()).isEqualTo(IngestResult.Outcome.OPENED);
        } finally {
            committer.stop();
            callers.shutdownNow();
        }
        long transactions = Db.count(dataSource, "SELECT count(DISTINCT xmin::text) FROM inbox_message"
                + " WHERE source_incident_id IN (?, ?)", "w1-" + p, "w2-" + p);
        assertThat(registry.find("firebreak.ingest.batch.size").summary().count()).isEqualTo(transactions);
        return transactions;
    }

    /**
     * The same story for a prefix: alerts recorded before (committed alone), then the messages to compare, among them
     * duplicates inside the list, two alerts of one key, an open and its close, a close before its open, a test
     * notification, an unknown state and a re-fire within the window.
     */
    private List<Message> scenario(String p) throws Exception {
        // before: s8 opened and resolved by a person (re-fire window 30 min); s10 and s14 recorded
        Message s8 = message(p + "-ms8", Payloads.notification(p + "-s8", "open", 1_764_000_000L, null, p + "-g"));
        long resolved = transaction.record(s8.message(), s8.parsed()).result().incidentId();
        Incidents.post(resolved, "/resolve", "{\"actor\":\"alice\"}").then().statusCode(200);
        Message s10 = message(p + "-m0", Payloads.notification(p + "-s10", "open", 1_764_000_000L, null, p + "-h"));
        transaction.record(s10.message(), s10.parsed());
        Message s14 = message(p + "-m0", Payloads.notification(p + "-s14", "open", 1_764_000_000L, null, p + "-k"));
        transaction.record(s14.message(), s14.parsed());
        ObjectNode s15 = Payloads.notification(p + "-s15", "open", 1_764_000_000L, null, p + "-l");

        ObjectNode s1 = Payloads.notification(p + "-s1", "open", 1_764_000_000L, null, p + "-a");
        ObjectNode s1Again = s1.deepCopy();
        ((ObjectNode) s1Again.get("incident")).put("observed_value", "9");
        ObjectNode s1Third = s1.deepCopy();
        ((ObjectNode) s1Third.get("incident")).put("observed_value", "11");
        ObjectNode s8Again = Payloads.notification(p + "-s8", "open", 1_764_000_000L, null, p + "-g");
        ((ObjectNode) s8Again.get("incident")).put("observed_value", "13");
        ObjectNode test = Payloads.sample("cm-test-notification-version-test.cloudforet.json");
        ((ObjectNode) test.get("incident")).put("summary", "Test Incident " + p).put("incident_id", p + "-test");
        ObjectNode unknown = Payloads.notification(p + "-s11", "sleeping", 1_764_000_000L, null, p + "-u");
        String m1 = p + "-m1";
        return List.of(
                message(m1, s1),
                message(p + "-m2", s1), // same content, new message id
                message(m1, Payloads.notification(p + "-s2", "open", 1_764_000_000L, null, p + "-b")), // same message id
                message(p + "-m4", Payloads.notification(p + "-s3", "open", 1_764_000_000L, null, p + "-c")),
                message(p + "-m5", Payloads.notification(p + "-s3", "closed", 1_764_000_000L, 1_764_000_300L, p + "-c")),
                message(p + "-m6", Payloads.notification(p + "-s4", "open", 1_764_000_000L, null, p + "-d")),
                message(p + "-m7", Payloads.notification(p + "-s5", "open", 1_764_000_100L, null, p + "-d")),
                message(p + "-m8", test),
                message(p + "-m9", unknown),
                message(p + "-m10", Payloads.notification(p + "-s6", "open", 1_764_000_000L, null, p + "-e")),
                message(p + "-m11", s1Again),
                message(p + "-m12", Payloads.notification(p + "-s7", "closed", 1_764_000_000L, 1_764_000_300L, p + "-f")),
                message(p + "-m13", Payloads.notification(p + "-s7", "open", 1_764_000_000L, null, p + "-f")),
                message(p + "-m14", Payloads.notification(p + "-s9", "open", 1_764_000_500L, null, p + "-g")),
                message(p + "-m15", s1Third),
                // a copy of s10 (duplicate content), then a new notification under that copy's message id: it is new
                message(p + "-m16", Payloads.notification(p + "-s10", "open", 1_764_000_000L, null, p + "-h")),
                message(p + "-m16", Payloads.notification(p + "-s12", "open", 1_764_000_000L, null, p + "-i")),
                message(p + "-m17", Payloads.notification(p + "-s13", "open", 1_764_000_000L, null, p + "-j")),
                message(p + "-m18", s8Again),
                // a new notification under a message id seen before, then the same one under a new id: the second is new
                message(p + "-m0", s15),
                message(p + "-m19", s15));
    }

    /** Everything the story wrote, with the prefix taken out, in a stable order. */
    private List<String> state(String p) throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(query("SELECT s.source_incident_id, s.state, s.notification_count, i.status, i.alert_state, i.alert_count,"
                + " i.severity, i.title, i.current_step, (SELECT min(s2.source_incident_id) FROM source_alert s2"
                + " WHERE s2.incident_id = i.id), (SELECT string_agg(t.type || '/' || t.actor || '/' || t.detail, ' | '"
                + " ORDER BY t.id) FROM timeline_event t WHERE t.incident_id = i.id), (SELECT string_agg(o.kind, ','"
                + " ORDER BY o.id) FROM outbox o WHERE o.incident_id = i.id), (SELECT count(*) FROM outbox o"
                + " JOIN timeline_event t ON t.id = o.timeline_event_id AND t.type = o.kind WHERE o.incident_id = i.id)"
                + " FROM source_alert s JOIN incident i ON i.id = s.incident_id WHERE s.source_incident_id LIKE ?"
                + " ORDER BY s.source_incident_id", p));
        rows.addAll(query("SELECT m.message_id, m.source_incident_id, m.outcome, m.source_state,"
                + " (SELECT min(s.source_incident_id) FROM source_alert s WHERE s.incident_id = m.incident_id)"
                + " FROM inbox_message m WHERE m.source_incident_id LIKE ? ORDER BY m.id", p));
        return rows.stream().map(r -> r.replace(p, "P")).toList();
    }

    private List<String> query(String sql, String prefix) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(rs.getString(i)).append(" ; ");
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private static Message open(String sourceId, String pod) {
        return message(Payloads.newMessageId(), Payloads.notification(sourceId, "open", 1_764_000_000L, null, pod));
    }

    private static Message message(String messageId, ObjectNode notification) {
        byte[] data = Payloads.bytes(notification);
        InboundMessage message = new InboundMessage(Transport.PUSH, messageId, Instant.parse("2026-11-24T07:59:51.218Z"),
                "projects/shop-prod/subscriptions/firebreak-push", Map.of("k", "v"), null, data);
        return new Message(message, (GcmParseResult.Parsed) PARSER.parse(data));
    }

    private static CompletableFuture<InboxTransaction.Applied> submit(ExecutorService callers, GroupCommitter committer,
            Message m) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return committer.commit(m.message(), m.parsed());
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, callers);
    }

    /** Incident inserts for matching source ids fail; "slow-" ones take a second (to hold a committer). */
    private void failIncidentInsertsFor(String pattern) throws SQLException {
        sql("CREATE OR REPLACE FUNCTION batch_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.source_incident_id LIKE '" + pattern + "' THEN RAISE EXCEPTION 'batch test fault'; END IF;"
                + " IF NEW.source_incident_id LIKE 'slow-%' THEN PERFORM pg_sleep(1); END IF; RETURN NEW; END $$");
        sql("CREATE TRIGGER batch_test_fault BEFORE INSERT ON incident FOR EACH ROW EXECUTE FUNCTION batch_test_fault()");
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static IngestConfig oneCommitter(IngestConfig config, Duration maxWait, int targetBatch) {
        IngestConfig.GroupCommit group = config.groupCommit();
        IngestConfig.GroupCommit single = new IngestConfig.GroupCommit() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int committers() {
                return 1;
            }

            @Override
            public int maxBatch() {
                return group.maxBatch();
            }

            @Override
            public Duration maxWait() {
                return maxWait;
            }

            @Override
            public int targetBatch() {
                return targetBatch;
            }

            @Override
            public int queueCapacity() {
                return group.queueCapacity();
            }

            @Override
            public Duration enqueueTimeout() {
                return group.enqueueTimeout();
            }

            @Override
            public Duration answerTimeout() {
                return group.answerTimeout();
            }
        };
        return new IngestConfig() {
            @Override
            public int rawJsonMaxBytes() {
                return config.rawJsonMaxBytes();
            }

            @Override
            public int quarantineMaxBytes() {
                return config.quarantineMaxBytes();
            }

            @Override
            public int retryAfterSeconds() {
                return config.retryAfterSeconds();
            }

            @Override
            public int conflictRetries() {
                return config.conflictRetries();
            }

            @Override
            public GroupCommit groupCommit() {
                return single;
            }
        };
    }

    private record Message(InboundMessage message, GcmParseResult.Parsed parsed) {
    }
}
