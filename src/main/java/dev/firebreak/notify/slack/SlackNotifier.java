package dev.firebreak.notify.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.firebreak.notify.DeliveryResult;
import dev.firebreak.notify.IncidentNotice;
import dev.firebreak.notify.Notifier;
import dev.firebreak.notify.NotifyMetrics;
import dev.firebreak.notify.OutboxEvent;

/**
 * Delivers an incident to Slack: one root message (posted once, then kept current with chat.update) and one thread
 * reply per event, bursts of re-fires coalesced. Every post is recorded before and after the call; a post whose outcome
 * is unknown (timeout, crash) is looked up by its delivery key in the message metadata before it is ever repeated.
 */
public class SlackNotifier implements Notifier {
    private static final Logger LOG = Logger.getLogger(SlackNotifier.class);
    /** Events announced by the root message itself. */
    static final Set<String> ROOT_EVENTS = Set.of("opened", "opened_cleared");
    /** Events that coalesce into one reply when they come in a burst. */
    static final Set<String> BURST_EVENTS = Set.of("alert_renotified", "alert_joined", "alert_refired");
    /** Pacing waits up to this long in-line; longer waits reschedule the delivery. */
    static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(2);
    /** How soon an incident waiting for another replica's digest post tries again. */
    private static final Duration DIGEST_IN_FLIGHT_WAIT = Duration.ofSeconds(1);

    private final SlackApi api;
    private final SlackStore store;
    private final SlackSettings settings;
    private final SlackRouter router;
    private final NotifyMetrics metrics;
    private final Clock clock;

    public SlackNotifier(SlackApi api, SlackStore store, SlackSettings settings, NotifyMetrics metrics, Clock clock) {
        this.api = api;
        this.store = store;
        this.settings = settings;
        this.router = new SlackRouter(settings.channels());
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public DeliveryResult deliver(IncidentNotice notice, List<OutboxEvent> events) {
        Set<Long> delivered = new HashSet<>();
        Optional<String> route = router.channelFor(notice);
        if (route.isEmpty()) {
            events.forEach(e -> delivered.add(e.outboxId()));
            metrics.message(name(), "none", "skipped");
            return DeliveryResult.done(delivered);
        }
        String channel = route.get();
        try {
            Optional<SlackStore.Root> existing = store.root(notice.incidentId());
            SlackStore.Root root;
            boolean fresh = existing.isEmpty() || !existing.get().posted();
            root = fresh ? postRoot(notice, channel, existing.orElse(null)) : existing.get();
            List<OutboxEvent> replies = new ArrayList<>();
            for (OutboxEvent event : events) {
                if (ROOT_EVENTS.contains(event.kind())) {
                    delivered.add(event.outboxId());
                } else {
                    replies.add(event);
                }
            }
            if (!fresh && !replies.isEmpty()) {
                updateRoot(notice, root);
            }
            for (List<OutboxEvent> group : groups(replies)) {
                reply(notice, channel, root, group, delivered);
            }
            return DeliveryResult.done(delivered);
        } catch (Paced paced) {
            return DeliveryResult.retry(delivered, paced.wait, "pacing channel " + channel);
        } catch (SlackCallException e) {
            return failure(channel, e, delivered);
        }
    }

    private DeliveryResult failure(String channel, SlackCallException e, Set<Long> delivered) {
        switch (e.kind()) {
            case RATE_LIMITED -> {
                store.pauseChannel(channel, clock.instant().plus(e.retryAfter()));
                metrics.message(name(), channel, "retried");
                return DeliveryResult.retry(delivered, e.retryAfter(), "Slack rate limit: retry after " + e.retryAfter());
            }
            case PERMANENT -> {
                metrics.message(name(), channel, "failed");
                return DeliveryResult.permanent(delivered, e.getMessage());
            }
            default -> {
                metrics.message(name(), channel, "retried");
                return DeliveryResult.retry(delivered, null, e.getMessage());
            }
        }
    }

    private SlackStore.Root postRoot(IncidentNotice notice, String channel, SlackStore.Root unknown)
            throws SlackCallException, Paced {
        String key = SlackStore.rootKey(notice.incidentId());
        if (unknown != null) {
            Optional<String> channelId = channelId(unknown.channel());
            Optional<SlackApi.Posted> found = channelId.isEmpty()
                    ? Optional.empty()
                    : api.find(channelId.get(), unknown.inDigest() ? unknown.threadTs() : null,
                            unknown.attemptStartedAt(), key);
            if (found.isPresent()) {
                LOG.infof("incident %d: adopted the root message of an earlier attempt", notice.incidentId());
                String threadTs = unknown.inDigest() ? unknown.threadTs() : found.get().ts();
                store.rootPosted(notice.incidentId(), found.get().channel(), found.get().ts(), threadTs, clock.instant());
                SlackStore.Root adopted = new SlackStore.Root(found.get().channel(), found.get().ts(), threadTs,
                        unknown.inDigest(), true, unknown.attemptStartedAt());
                // it shows the incident as it was at that attempt; events may have changed it since
                updateRoot(notice, adopted);
                return adopted;
            }
        }
        Instant now = clock.instant();
        String digestTs = null;
        Instant windowStart = now.minus(settings.stormWindow());
        if (store.recentRoots(channel, windowStart) >= settings.stormThreshold()) {
            digestTs = digest(channel, windowStart);
        }
        pace(channel);
        store.rootPosting(notice.incidentId(), channel, digestTs, digestTs != null, clock.instant());
        SlackMessageRenderer.Rendered message = SlackMessageRenderer.root(notice);
        SlackApi.Posted posted;
        try {
            posted = api.post(channel, digestTs, message.text(), message.blocks(), key);
        } catch (SlackCallException e) {
            if (!e.outcomeUnknown()) {
                store.forgetRootAttempt(notice.incidentId());
            }
            throw e;
        }
        String threadTs = digestTs != null ? digestTs : posted.ts();
        store.rootPosted(notice.incidentId(), posted.channel(), posted.ts(), threadTs, clock.instant());
        metrics.message(name(), channel, "sent");
        return new SlackStore.Root(posted.channel(), posted.ts(), threadTs, digestTs != null, true, now);
    }

    /**
     * conversations.history and .replies accept only channel ids, while a root's first attempt knows only the
     * configured channel, often a name: use the id Slack reported for an earlier root, else look the name up. Empty
     * when no visible channel has that name (the post will then fail with channel_not_found).
     */
    private Optional<String> channelId(String channel) throws SlackCallException {
        if (SlackApi.isChannelId(channel)) {
            return Optional.of(channel);
        }
        Optional<String> known = store.channelId(channel);
        return known.isPresent() ? known : api.channelId(channel);
    }

    private String digest(String channel, Instant windowStart) throws SlackCallException, Paced {
        Optional<String> current = store.digest(channel, windowStart);
        if (current.isPresent()) {
            return current.get();
        }
        Optional<Instant> unknown = store.digestAttempt(channel, windowStart);
        if (unknown.isPresent() && unknown.get().isAfter(clock.instant().minus(settings.timeout().multipliedBy(2)))) {
            // young enough to be another replica's post still in flight: look again shortly instead of posting twice
            throw new Paced(DIGEST_IN_FLIGHT_WAIT);
        }
        if (unknown.isPresent()) {
            Optional<String> channelId = channelId(channel);
            Optional<SlackApi.Posted> found = channelId.isEmpty()
                    ? Optional.empty()
                    : api.find(channelId.get(), null, unknown.get(), digestKey(channel, unknown.get()));
            if (found.isPresent()) {
                store.digestPosted(channel, found.get().ts(), unknown.get());
                return found.get().ts();
            }
        }
        pace(channel);
        Instant attempt = unknown.orElse(clock.instant());
        if (!store.claimDigest(channel, attempt, windowStart)) {
            Optional<String> theirs = store.digest(channel, windowStart);
            if (theirs.isEmpty()) {
                throw new Paced(DIGEST_IN_FLIGHT_WAIT);
            }
            return theirs.get();
        }
        SlackMessageRenderer.Rendered message = SlackMessageRenderer.digest(settings.stormThreshold(),
                settings.stormWindow().toSeconds());
        SlackApi.Posted posted = api.post(channel, null, message.text(), null, digestKey(channel, attempt));
        store.digestPosted(channel, posted.ts(), attempt);
        metrics.message(name(), channel, "sent");
        return posted.ts();
    }

    /** Stable across retries of one digest attempt, so an unknown outcome can be looked up. */
    private static String digestKey(String channel, Instant attempt) {
        return "digest:" + channel + ":" + attempt.toEpochMilli();
    }

    private void updateRoot(IncidentNotice notice, SlackStore.Root root) throws SlackCallException {
        SlackMessageRenderer.Rendered message = SlackMessageRenderer.root(notice);
        try {
            api.update(root.channel(), root.ts(), message.text(), message.blocks());
        } catch (SlackCallException e) {
            if (e.kind() != SlackCallException.Kind.GONE) {
                throw e;
            }
            // the root was deleted or can no longer be edited: the thread replies still tell the story
            LOG.infof("incident %d: root message can no longer be updated (%s)", notice.incidentId(), e.getMessage());
        }
    }

    private void reply(IncidentNotice notice, String channel, SlackStore.Root root, List<OutboxEvent> group,
            Set<Long> delivered) throws SlackCallException, Paced {
        String key = "reply:" + group.get(0).outboxId();
        Optional<SlackStore.Reply> recorded = store.reply(key);
        List<OutboxEvent> toPost = group;
        if (recorded.isPresent()) {
            boolean confirmed = recorded.get().posted();
            if (!confirmed) {
                Optional<SlackApi.Posted> found = api.find(root.channel(), root.threadTs(),
                        recorded.get().attemptStartedAt(), key);
                if (found.isPresent()) {
                    store.replyPosted(key, found.get().ts(), clock.instant());
                    confirmed = true;
                }
            }
            if (confirmed) {
                delivered.addAll(recorded.get().outboxIds());
                toPost = group.stream().filter(e -> !recorded.get().outboxIds().contains(e.outboxId())).toList();
                if (toPost.isEmpty()) {
                    return;
                }
                key = "reply:" + toPost.get(0).outboxId();
            }
        }
        pace(channel);
        List<Long> ids = toPost.stream().map(OutboxEvent::outboxId).toList();
        store.replyPosting(key, notice.incidentId(), root.channel(), root.threadTs(), ids, clock.instant());
        SlackMessageRenderer.Rendered message = SlackMessageRenderer.reply(notice, toPost);
        SlackApi.Posted posted;
        try {
            posted = api.post(root.channel(), root.threadTs(), message.text(), null, key);
        } catch (SlackCallException e) {
            if (!e.outcomeUnknown()) {
                store.forgetReplyAttempt(key);
            }
            throw e;
        }
        store.replyPosted(key, posted.ts(), clock.instant());
        delivered.addAll(ids);
        metrics.message(name(), channel, "sent");
    }

    /** Consecutive burst events form one group; every other event is its own group. */
    static List<List<OutboxEvent>> groups(List<OutboxEvent> events) {
        List<List<OutboxEvent>> groups = new ArrayList<>();
        List<OutboxEvent> burst = new ArrayList<>();
        for (OutboxEvent event : events) {
            if (BURST_EVENTS.contains(event.kind())) {
                burst.add(event);
                continue;
            }
            if (!burst.isEmpty()) {
                groups.add(burst);
                burst = new ArrayList<>();
            }
            groups.add(List.of(event));
        }
        if (!burst.isEmpty()) {
            groups.add(burst);
        }
        return groups;
    }

    /** Waits for the channel's next posting slot (shared by all replicas), or reschedules when it is far off. */
    private void pace(String channel) throws Paced {
        Instant slot = store.reserveSlot(channel, settings.channelInterval());
        Duration wait = Duration.between(clock.instant(), slot);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(MAX_INLINE_WAIT) > 0) {
            throw new Paced(wait);
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Paced(wait);
        }
    }

    /** The channel's next slot is too far away to wait in-line. */
    static final class Paced extends Exception {
        final transient Duration wait;

        Paced(Duration wait) {
            super("paced", null, false, false);
            this.wait = wait;
        }
    }
}
