package dev.firebreak.notify.slack;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.firebreak.sql.Jdbc;

/**
 * Slack delivery progress, recorded before and after every non-idempotent call so a retry (on any replica, after any
 * crash) reconciles instead of posting twice; plus the cluster-wide per-channel pace and storm digest.
 */
@ApplicationScoped
public class SlackStore {
    private final DataSource dataSource;

    public SlackStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The incident's root message.
     *
     * @param channel channel id
     * @param ts the message ts, null while its post has an unknown outcome
     * @param threadTs where thread replies go (the root, or the storm digest)
     * @param inDigest true when the root itself is a reply in a storm digest thread
     * @param posted false while a post is in flight or its outcome unknown
     * @param attemptStartedAt when the last post attempt started
     */
    public record Root(String channel, String ts, String threadTs, boolean inDigest, boolean posted, Instant attemptStartedAt) {
    }

    /**
     * A recorded thread reply attempt.
     *
     * @param posted true when Slack confirmed it
     * @param outboxIds the events the reply covers
     * @param attemptStartedAt when the attempt started
     */
    public record Reply(boolean posted, List<Long> outboxIds, Instant attemptStartedAt) {
    }

    Optional<Root> root(long incidentId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT channel, ts, thread_ts, in_digest, state, attempt_started_at FROM slack_message WHERE incident_id = ?")) {
            ps.setLong(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Root(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                                "posted".equals(rs.getString(5)), Jdbc.instant(rs, 6)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records that a root post is about to be attempted (committed before the call). */
    void rootPosting(long incidentId, String channel, String threadTs, boolean inDigest, Instant now) {
        execute("INSERT INTO slack_message (incident_id, route, channel, thread_ts, in_digest, state, delivery_key,"
                + " attempt_started_at) VALUES (?, ?, ?, ?, ?, 'posting', ?, ?) ON CONFLICT (incident_id) DO UPDATE SET"
                + " route = EXCLUDED.route, channel = EXCLUDED.channel, thread_ts = EXCLUDED.thread_ts,"
                + " in_digest = EXCLUDED.in_digest, attempt_started_at = EXCLUDED.attempt_started_at"
                + " WHERE slack_message.state = 'posting'", incidentId, channel, channel, threadTs, inDigest,
                rootKey(incidentId), Timestamp.from(now));
    }

    /** The channel id Slack reported for an earlier root posted to {@code route} (a configured channel name). */
    Optional<String> channelId(String route) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("SELECT channel FROM slack_message WHERE route = ? AND state = 'posted'"
                                + " ORDER BY posted_at DESC LIMIT 1")) {
            ps.setString(1, route);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Slack said no (429, {@code ok:false}, 4xx): the attempt certainly posted nothing, so a retry need not look it up. */
    void forgetRootAttempt(long incidentId) {
        execute("DELETE FROM slack_message WHERE incident_id = ? AND state = 'posting'", incidentId);
    }

    /** Same for a thread reply. */
    void forgetReplyAttempt(String deliveryKey) {
        execute("DELETE FROM slack_reply WHERE delivery_key = ? AND state = 'posting'", deliveryKey);
    }

    /** Records the confirmed root message. */
    void rootPosted(long incidentId, String channelId, String ts, String threadTs, Instant now) {
        execute("UPDATE slack_message SET channel = ?, ts = ?, thread_ts = coalesce(?, ?), state = 'posted', posted_at = ?"
                + " WHERE incident_id = ?", channelId, ts, threadTs, ts, Timestamp.from(now), incidentId);
    }

    Optional<Reply> reply(String deliveryKey) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT state, outbox_ids, attempt_started_at FROM slack_reply WHERE delivery_key = ?")) {
            ps.setString(1, deliveryKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<Long> ids = new ArrayList<>();
                Array array = rs.getArray(2);
                if (array != null) {
                    for (Object id : (Object[]) array.getArray()) {
                        ids.add(((Number) id).longValue());
                    }
                }
                return Optional.of(new Reply("posted".equals(rs.getString(1)), ids, Jdbc.instant(rs, 3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void replyPosting(String deliveryKey, long incidentId, String channel, String threadTs, List<Long> outboxIds,
            Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO slack_reply (delivery_key, incident_id, channel, thread_ts, state, outbox_ids, attempt_started_at)"
                                + " VALUES (?, ?, ?, ?, 'posting', ?, ?) ON CONFLICT (delivery_key) DO UPDATE SET"
                                + " outbox_ids = EXCLUDED.outbox_ids, attempt_started_at = EXCLUDED.attempt_started_at"
                                + " WHERE slack_reply.state = 'posting'")) {
            ps.setString(1, deliveryKey);
            ps.setLong(2, incidentId);
            ps.setString(3, channel);
            ps.setString(4, threadTs);
            ps.setArray(5, c.createArrayOf("bigint", outboxIds.toArray()));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void replyPosted(String deliveryKey, String ts, Instant now) {
        execute("UPDATE slack_reply SET state = 'posted', ts = ?, posted_at = ? WHERE delivery_key = ?", ts,
                Timestamp.from(now), deliveryKey);
    }

    /**
     * Reserves the channel's next posting slot (one per {@code interval}, shared by all replicas) and returns when it
     * starts; a 429 pause set by {@link #pauseChannel} pushes it further.
     */
    Instant reserveSlot(String channel, Duration interval) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO slack_channel (channel, next_post_at) VALUES (?, now() + ? * interval '1 millisecond')"
                                + " ON CONFLICT (channel) DO UPDATE SET next_post_at = greatest(slack_channel.next_post_at, now())"
                                + " + ? * interval '1 millisecond' RETURNING next_post_at - ? * interval '1 millisecond'")) {
            long millis = interval.toMillis();
            ps.setString(1, channel);
            ps.setLong(2, millis);
            ps.setLong(3, millis);
            ps.setLong(4, millis);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Honours a 429: nobody posts to the channel before {@code until}. */
    void pauseChannel(String channel, Instant until) {
        execute("INSERT INTO slack_channel (channel, next_post_at) VALUES (?, ?) ON CONFLICT (channel) DO UPDATE SET"
                + " next_post_at = greatest(slack_channel.next_post_at, EXCLUDED.next_post_at)", channel,
                Timestamp.from(until));
    }

    /** Roots posted in the channel since {@code since}, outside digests. */
    int recentRoots(String channel, Instant since) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM slack_message WHERE route = ? AND posted_at >= ? AND NOT in_digest")) {
            ps.setString(1, channel);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The channel's current storm digest thread, if one started since {@code since}. */
    Optional<String> digest(String channel, Instant since) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT digest_ts FROM slack_channel WHERE channel = ? AND digest_ts IS NOT NULL AND digest_started_at >= ?")) {
            ps.setString(1, channel);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When a digest post with an unknown outcome was attempted in the window (recorded, no ts yet), if any. */
    Optional<Instant> digestAttempt(String channel, Instant since) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT digest_started_at FROM slack_channel WHERE channel = ? AND digest_ts IS NULL"
                                + " AND digest_started_at >= ?")) {
            ps.setString(1, channel);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Jdbc.instant(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Claims the channel's digest for this storm window and records the attempt before the call: true when this caller
     * may post it (no digest or attempt since {@code windowStart}, or a retry of this very attempt), false when another
     * replica already claimed it.
     */
    boolean claimDigest(String channel, Instant attempt, Instant windowStart) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO slack_channel (channel, next_post_at, digest_ts, digest_started_at) VALUES (?, ?, NULL, ?)"
                                + " ON CONFLICT (channel) DO UPDATE SET digest_ts = NULL, digest_started_at = EXCLUDED.digest_started_at"
                                + " WHERE slack_channel.digest_started_at IS NULL OR slack_channel.digest_started_at < ?"
                                + " OR (slack_channel.digest_ts IS NULL AND slack_channel.digest_started_at = EXCLUDED.digest_started_at)"
                                + " RETURNING channel")) {
            ps.setString(1, channel);
            ps.setTimestamp(2, Timestamp.from(attempt));
            ps.setTimestamp(3, Timestamp.from(attempt));
            ps.setTimestamp(4, Timestamp.from(windowStart));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void digestPosted(String channel, String ts, Instant now) {
        execute("INSERT INTO slack_channel (channel, next_post_at, digest_ts, digest_started_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (channel) DO UPDATE SET digest_ts = EXCLUDED.digest_ts, digest_started_at = EXCLUDED.digest_started_at",
                channel, Timestamp.from(now), ts, Timestamp.from(now));
    }

    static String rootKey(long incidentId) {
        return "root:" + incidentId;
    }

    private void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
