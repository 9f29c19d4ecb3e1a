package dev.firebreak.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.firebreak.sql.Jdbc;

/**
 * The outbox as the dispatcher sees it: due incidents, per-incident leases shared by all replicas, and delivery
 * bookkeeping. Every call is its own short transaction.
 */
@ApplicationScoped
public class NotifyStore {
    /** Due events read per incident wanted: enough for incidents with several queued events each. */
    private static final int DUE_WINDOW_PER_INCIDENT = 16;
    private static final String MARK_DELIVERED = "UPDATE outbox SET delivered_at = now(), attempts = attempts + 1"
            + " WHERE id = ANY (?)";

    private final DataSource dataSource;

    public NotifyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Incidents whose undelivered events are all due, in the order their events came due. Reads only the first due
     * events from the pending index, so a backlog of any size costs the same per poll.
     */
    public List<Long> dueIncidents(int limit) {
        return query("SELECT c.incident_id FROM (SELECT incident_id, min(due_at) AS first_due, min(id) AS first_id"
                + " FROM (SELECT incident_id, id, next_attempt_at AS due_at FROM outbox"
                + " WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()"
                + " ORDER BY next_attempt_at, id LIMIT ?) due_rows GROUP BY incident_id) c"
                + " WHERE NOT EXISTS (SELECT 1 FROM outbox f WHERE f.incident_id = c.incident_id"
                + " AND f.delivered_at IS NULL AND f.failed_at IS NULL AND f.next_attempt_at > now())"
                + " ORDER BY c.first_due, c.first_id LIMIT ?", (long) limit * DUE_WINDOW_PER_INCIDENT, limit);
    }

    /** Takes the incident's delivery lease unless another replica holds a live one. */
    public boolean tryLease(long incidentId, String owner, Duration duration) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO notify_lease (incident_id, owner, lease_until) VALUES (?, ?, now() + ? * interval '1 millisecond')"
                                + " ON CONFLICT (incident_id) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until"
                                + " WHERE notify_lease.lease_until < now() OR notify_lease.owner = EXCLUDED.owner RETURNING owner")) {
            ps.setLong(1, incidentId);
            ps.setString(2, owner);
            ps.setLong(3, duration.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lease failed", e);
        }
    }

    /**
     * Takes the delivery leases of several incidents in one statement; returns those this replica now holds, in the
     * order asked. Rows are locked in id order (here and in {@link #finish}), so replicas leasing overlapping
     * batches queue instead of deadlocking.
     */
    public List<Long> tryLeaseAll(List<Long> incidentIds, String owner, Duration duration) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        Set<Long> taken = new HashSet<>(query(
                "INSERT INTO notify_lease (incident_id, owner, lease_until)"
                        + " SELECT id, ?, now() + ? * interval '1 millisecond' FROM unnest(?::bigint[]) AS ids(id)"
                        + " GROUP BY id ORDER BY id"
                        + " ON CONFLICT (incident_id) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until"
                        + " WHERE notify_lease.lease_until < now() OR notify_lease.owner = EXCLUDED.owner RETURNING incident_id",
                owner, duration.toMillis(), incidentIds));
        return incidentIds.stream().filter(taken::contains).toList();
    }

    /**
     * Marks events delivered and gives back the leases of several incidents, in one transaction: one commit for a whole
     * batch of deliveries, and no other replica can lease an incident before its delivered events are marked.
     */
    public void finish(Collection<Long> deliveredOutboxIds, Collection<Long> incidentIds, String owner) {
        if (deliveredOutboxIds.isEmpty() && incidentIds.isEmpty()) {
            return;
        }
        inTransaction("updating the outbox failed", c -> {
            if (!deliveredOutboxIds.isEmpty()) {
                execute(c, MARK_DELIVERED, deliveredOutboxIds);
            }
            if (!incidentIds.isEmpty()) {
                execute(c, "WITH mine AS (SELECT incident_id FROM notify_lease WHERE incident_id = ANY (?) AND owner = ?"
                        + " ORDER BY incident_id FOR UPDATE)"
                        + " UPDATE notify_lease l SET lease_until = now() - interval '1 second' FROM mine"
                        + " WHERE l.incident_id = mine.incident_id", incidentIds, owner);
            }
        });
    }

    /** The incident's undelivered events, oldest first; empty while any of them waits for a retry. */
    public List<OutboxEvent> pending(long incidentId) {
        return pendingAll(List.of(incidentId)).getOrDefault(incidentId, List.of());
    }

    /**
     * The undelivered events of several incidents, oldest first per incident; an incident with an event waiting for a
     * retry gets an empty list (its events go out together, in order, once all are due).
     */
    public Map<Long, List<OutboxEvent>> pendingAll(Collection<Long> incidentIds) {
        Map<Long, List<OutboxEvent>> events = new HashMap<>();
        Set<Long> waiting = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT o.incident_id, o.id, o.kind, coalesce(t.at, o.created_at), coalesce(t.actor, ''),"
                                + " coalesce(t.detail, ''), o.attempts, o.next_attempt_at > now()"
                                + " FROM outbox o LEFT JOIN timeline_event t ON t.id = o.timeline_event_id"
                                + " WHERE o.incident_id = ANY (?) AND o.delivered_at IS NULL AND o.failed_at IS NULL"
                                + " ORDER BY o.incident_id, o.id")) {
            bind(c, ps, incidentIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long incidentId = rs.getLong(1);
                    if (rs.getBoolean(8)) {
                        waiting.add(incidentId);
                    }
                    events.computeIfAbsent(incidentId, id -> new ArrayList<>())
                            .add(new OutboxEvent(rs.getLong(2), rs.getString(3), Jdbc.instant(rs, 4), rs.getString(5),
                                    rs.getString(6), rs.getInt(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the outbox failed", e);
        }
        waiting.forEach(id -> events.put(id, List.of()));
        return events;
    }

    public void markDelivered(Collection<Long> outboxIds) {
        if (!outboxIds.isEmpty()) {
            update(MARK_DELIVERED, outboxIds);
        }
    }

    /**
     * Reschedules all of the incident's undelivered events; {@code backingOff} marks a backoff after a transient
     * failure, which {@link #bringForwardBackoffs} cuts short (not a pacing wait or a channel's own Retry-After).
     */
    public void reschedule(long incidentId, Instant next, String error, boolean backingOff) {
        inTransaction("updating the outbox failed", c -> {
            execute(c, "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                    + " WHERE incident_id = ? AND delivered_at IS NULL AND failed_at IS NULL", Timestamp.from(next),
                    cap(error), incidentId);
            execute(c, backingOff
                    ? "INSERT INTO notify_backoff (incident_id) VALUES (?) ON CONFLICT (incident_id) DO NOTHING"
                    : "DELETE FROM notify_backoff WHERE incident_id = ?", incidentId);
        });
    }

    /**
     * Makes every event waiting out a backoff due now, because a delivery just succeeded: the channel is back. Returns
     * how many events were brought forward.
     */
    public int bringForwardBackoffs() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("WITH b AS (DELETE FROM notify_backoff RETURNING incident_id)"
                        + " UPDATE outbox o SET next_attempt_at = least(o.next_attempt_at, now()) FROM b"
                        + " WHERE o.incident_id = b.incident_id AND o.delivered_at IS NULL AND o.failed_at IS NULL")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating the outbox failed", e);
        }
    }

    /** Gives up on the incident's undelivered events and says so on the incident and its timeline. */
    public void markFailed(long incidentId, String channelName, String error) {
        inTransaction("recording the failure failed", c -> {
            execute(c, "UPDATE outbox SET failed_at = now(), attempts = attempts + 1, last_error = ? WHERE incident_id = ?"
                    + " AND delivered_at IS NULL AND failed_at IS NULL", cap(error), incidentId);
            execute(c, "UPDATE incident SET notify_error = ? WHERE id = ?", cap(channelName + ": " + error), incidentId);
            execute(c, "INSERT INTO timeline_event (incident_id, at, type, actor, detail) VALUES (?, now(),"
                    + " 'notification_failed', ?, ?)", incidentId, channelName,
                    cap(channelName + " delivery failed permanently: " + error));
        });
    }

    /** Undelivered events and the age of the oldest, in seconds (0 when none). */
    public long[] depthAndOldestAgeSeconds() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint FROM outbox"
                                + " WHERE delivered_at IS NULL AND failed_at IS NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the outbox failed", e);
        }
    }

    /** Runs {@code work} in one transaction on one connection, rolled back when it fails. */
    private void inTransaction(String failure, SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure, e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private List<Long> query(String sql, Object... params) {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the outbox failed", e);
        }
        return ids;
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            execute(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException("updating the outbox failed", e);
        }
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Collection<?> collection) {
                ps.setArray(i + 1, c.createArrayOf("bigint", collection.toArray()));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static String cap(String text) {
        return text == null ? null : text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
