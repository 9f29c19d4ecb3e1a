package faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one trial's database and fake Slack against what the client saw acknowledged: every acknowledged message
 * stored exactly once, one incident per alert, the outbox drained, one Slack root per incident and one reply per event.
 */
final class Verifier {
    /** What one trial found; every count but {@code acked} should be 0. */
    static final class Findings {
        long acked;
        long lost;
        long duplicated;
        long unacked;
        long outboxLeft;
        long outboxFailed;
        long slackMissing;
        long slackDuplicated;
        long digestDuplicated;
        long incidents;
        long slackPosts;
        final List<String> problems = new ArrayList<>();

        boolean clean() {
            return lost == 0 && duplicated == 0 && outboxLeft == 0 && outboxFailed == 0 && slackMissing == 0
                    && slackDuplicated == 0;
        }

        void problem(String text) {
            if (problems.size() < 12) {
                problems.add(text);
            }
        }
    }

    private final Postgres postgres;
    private final SlackFake slack;

    Verifier(Postgres postgres, SlackFake slack) {
        this.postgres = postgres;
        this.slack = slack;
    }

    /** Waits (bounded) until no outbox row is waiting for delivery; returns how many still wait. */
    long awaitOutboxDrained(String database, Duration bound) throws InterruptedException {
        long until = System.nanoTime() + bound.toNanos();
        long left = -1;
        while (System.nanoTime() < until) {
            try (Connection c = postgres.connect(database)) {
                left = single(c, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
                if (left == 0) {
                    return 0;
                }
            } catch (SQLException e) {
                // the database may be restarting
            }
            Thread.sleep(500);
        }
        return left;
    }

    Findings verify(String database, PushClient client) throws Exception {
        Findings f = new Findings();
        f.acked = client.acked().size();
        f.unacked = client.unacknowledged();
        try (Connection c = postgres.connect(database)) {
            checkInbox(c, client, f);
            checkIncidents(c, client, f);
            f.outboxLeft = single(c, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
            f.outboxFailed = single(c, "SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL");
            if (f.outboxLeft > 0 || f.outboxFailed > 0) {
                f.problem("outbox: " + f.outboxLeft + " undelivered, " + f.outboxFailed + " failed");
            }
            checkSlack(c, f);
        }
        return f;
    }

    /** Every acknowledged message's notification is in the inbox exactly once (by message id or content). */
    private static void checkInbox(Connection c, PushClient client, Findings f) throws SQLException {
        Map<String, Integer> rowsByNotification = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT message_id, source_incident_id, source_state, outcome FROM inbox_message")) {
            while (rs.next()) {
                rowsByNotification.merge(rs.getString(2) + "|" + rs.getString(3), 1, Integer::sum);
                if ("pending".equals(rs.getString(4))) {
                    f.duplicated++;
                    f.problem("inbox row of message " + rs.getString(1) + " left half-applied (outcome pending)");
                }
            }
        }
        for (Map.Entry<String, PushClient.Logical> ack : client.acked().entrySet()) {
            if (rowsByNotification.getOrDefault(ack.getValue().key(), 0) == 0) {
                f.lost++;
                f.problem("acknowledged message " + ack.getKey() + " (" + ack.getValue().key() + ") is not in the inbox");
            }
        }
        for (Map.Entry<String, Integer> e : rowsByNotification.entrySet()) {
            if (e.getValue() > 1) {
                f.duplicated += e.getValue() - 1;
                f.problem("notification " + e.getKey() + " stored " + e.getValue() + " times");
            }
        }
    }

    /** One incident per alert (each test alert has its own grouping key), holding exactly that alert. */
    private static void checkIncidents(Connection c, PushClient client, Findings f) throws SQLException {
        Map<String, Long> incidentBySource = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT source_incident_id, count(*), min(incident_id) FROM source_alert GROUP BY 1")) {
            while (rs.next()) {
                incidentBySource.put(rs.getString(1), rs.getLong(3));
                if (rs.getLong(2) > 1) {
                    f.duplicated += rs.getLong(2) - 1;
                    f.problem("alert " + rs.getString(1) + " recorded " + rs.getLong(2) + " times");
                }
            }
        }
        f.incidents = single(c, "SELECT count(*) FROM incident");
        long withAlerts = single(c, "SELECT count(DISTINCT incident_id) FROM source_alert");
        if (f.incidents != incidentBySource.size() || withAlerts != f.incidents) {
            f.duplicated += Math.abs(f.incidents - incidentBySource.size());
            f.problem(f.incidents + " incidents for " + incidentBySource.size() + " distinct alerts");
        }
        Set<String> ackedAlerts = new HashSet<>();
        client.acked().values().forEach(l -> ackedAlerts.add(l.sourceIncidentId));
        for (String alert : ackedAlerts) {
            if (!incidentBySource.containsKey(alert)) {
                f.lost++;
                f.problem("acknowledged alert " + alert + " has no incident");
            }
        }
    }

    /** One root message per incident, one reply per recorded reply, every event covered, nothing posted twice. */
    private void checkSlack(Connection c, Findings f) throws Exception {
        Map<String, Integer> posts = slack.postsByKey();
        f.slackPosts = posts.values().stream().mapToLong(Integer::longValue).sum();
        Set<String> expected = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM incident WHERE severity IN ('critical', 'warning')")) {
            while (rs.next()) {
                expected.add("root:" + rs.getLong(1));
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT delivery_key, state FROM slack_reply")) {
            while (rs.next()) {
                expected.add(rs.getString(1));
                if (!"posted".equals(rs.getString(2))) {
                    f.slackMissing++;
                    f.problem("reply " + rs.getString(1) + " still " + rs.getString(2));
                }
            }
        }
        for (String key : expected) {
            int n = posts.getOrDefault(key, 0);
            if (n == 0 && key.startsWith("root:")) {
                f.slackMissing++;
                f.problem("no Slack root message for incident " + key.substring(5));
            } else if (n > 1) {
                f.slackDuplicated += n - 1;
                f.problem(key + " posted " + n + " times");
            }
        }
        for (Map.Entry<String, Integer> e : posts.entrySet()) {
            if (e.getKey().startsWith("digest:")) {
                f.digestDuplicated += e.getValue() - 1;
            } else if (!expected.contains(e.getKey())) {
                f.slackDuplicated += e.getValue();
                f.problem("Slack got " + e.getKey() + " which no incident or reply record explains");
            }
        }
        long uncovered = single(c, "SELECT count(*) FROM outbox o JOIN incident i ON i.id = o.incident_id"
                + " WHERE i.severity IN ('critical', 'warning') AND o.kind NOT IN ('opened', 'opened_cleared')"
                + " AND NOT EXISTS (SELECT 1 FROM slack_reply r WHERE r.state = 'posted' AND o.id = ANY (r.outbox_ids))");
        if (uncovered > 0) {
            f.slackMissing += uncovered;
            f.problem(uncovered + " events have no Slack reply");
        }
        checkReplyOverlap(c, f);
    }

    /** An event covered by two posted replies was announced twice. */
    private static void checkReplyOverlap(Connection c, Findings f) throws SQLException {
        Map<Long, Integer> covering = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT outbox_ids FROM slack_reply WHERE state = 'posted'")) {
            while (rs.next()) {
                Array array = rs.getArray(1);
                for (Object id : (Object[]) array.getArray()) {
                    covering.merge(((Number) id).longValue(), 1, Integer::sum);
                }
            }
        }
        for (Map.Entry<Long, Integer> e : covering.entrySet()) {
            if (e.getValue() > 1) {
                f.slackDuplicated += e.getValue() - 1;
                f.problem("event " + e.getKey() + " announced in " + e.getValue() + " replies");
            }
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
