package dev.firebreak.notify.slack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;

/**
 * The Slack Web API calls Firebreak makes, through the Slack SDK, with every failure classified.
 */
public class SlackApi {
    /** {@code ok:false} errors that retrying cannot fix. */
    static final Set<String> PERMANENT_ERRORS = Set.of("channel_not_found", "not_in_channel", "invalid_blocks",
            "invalid_blocks_format", "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
            "is_archived", "msg_too_long", "no_text", "restricted_action", "missing_scope", "invalid_arguments",
            "too_many_attachments", "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large",
            "channel_is_archived", "ekm_access_denied", "team_access_not_granted", "no_permission");
    /** {@code ok:false} errors that mean the message to update is gone or frozen. */
    static final Set<String> GONE_ERRORS = Set.of("message_not_found", "cant_update_message", "edit_window_closed");
    static final String METADATA_EVENT = "firebreak_delivery";
    static final String METADATA_KEY = "delivery_key";
    /** Channel ids (public C…, private G…, direct D…); channel names are lower case. */
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
    private static final int MAX_LIST_PAGES = 50;

    private final MethodsClient methods;

    public SlackApi(String apiUrl, String botToken, Duration timeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        int millis = (int) timeout.toMillis();
        config.setHttpClientReadTimeoutMillis(millis);
        config.setHttpClientWriteTimeoutMillis(millis);
        config.setHttpClientCallTimeoutMillis(millis);
        this.methods = Slack.getInstance(config).methods(botToken);
    }

    /**
     * A posted message.
     *
     * @param channel the channel id Slack reports
     * @param ts the message ts
     */
    public record Posted(String channel, String ts) {
    }

    /** chat.postMessage with a delivery key in the message metadata, for reconciliation. */
    Posted post(String channel, String threadTs, String text, String blocks, String deliveryKey) throws SlackCallException {
        ChatPostMessageResponse response = call(() -> methods.chatPostMessage(r -> {
            r.channel(channel)
                    .text(text)
                    .unfurlLinks(false)
                    .unfurlMedia(false)
                    .metadataAsString("{\"event_type\":\"" + METADATA_EVENT + "\",\"event_payload\":{\"" + METADATA_KEY
                            + "\":\"" + deliveryKey + "\"}}");
            if (blocks != null) {
                r.blocksAsString(blocks);
            }
            if (threadTs != null) {
                r.threadTs(threadTs);
            }
            return r;
        }), true);
        return new Posted(response.getChannel() != null ? response.getChannel() : channel, response.getTs());
    }

    /** chat.update (idempotent). */
    void update(String channel, String ts, String text, String blocks) throws SlackCallException {
        call(() -> methods.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocksAsString(blocks)), false);
    }

    /** Finds a message this service posted with {@code deliveryKey} (after an unknown outcome). */
    Optional<Posted> find(String channel, String threadTs, Instant since, String deliveryKey) throws SlackCallException {
        String oldest = Long.toString(since.minusSeconds(5).getEpochSecond()) + ".000000";
        List<Message> messages;
        if (threadTs == null) {
            messages = call(() -> methods.conversationsHistory(r -> r.channel(channel)
                    .oldest(oldest)
                    .includeAllMetadata(true)
                    .limit(200)), false).getMessages();
        } else {
            messages = call(() -> methods.conversationsReplies(r -> r.channel(channel)
                    .ts(threadTs)
                    .oldest(oldest)
                    .includeAllMetadata(true)
                    .limit(200)), false).getMessages();
        }
        if (messages == null) {
            return Optional.empty();
        }
        for (Message message : messages) {
            Message.Metadata metadata = message.getMetadata();
            Map<String, Object> payload = metadata == null ? null : metadata.getEventPayload();
            if (payload != null && METADATA_EVENT.equals(metadata.getEventType())
                    && deliveryKey.equals(String.valueOf(payload.get(METADATA_KEY)))) {
                return Optional.of(new Posted(channel, message.getTs()));
            }
        }
        return Optional.empty();
    }

    /** True when {@code channel} is a channel id rather than a name. */
    static boolean isChannelId(String channel) {
        return CHANNEL_ID.matcher(channel).matches();
    }

    /** The id of the channel with this name ({@code #name} or {@code name}) that the bot can see, via conversations.list. */
    Optional<String> channelId(String name) throws SlackCallException {
        String wanted = name.startsWith("#") ? name.substring(1) : name;
        String cursor = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            String pageCursor = cursor;
            ConversationsListResponse response = call(() -> methods.conversationsList(r -> r
                    .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                    .excludeArchived(true)
                    .limit(1000)
                    .cursor(pageCursor)), false);
            if (response.getChannels() != null) {
                for (Conversation conversation : response.getChannels()) {
                    if (wanted.equals(conversation.getName())) {
                        return Optional.of(conversation.getId());
                    }
                }
            }
            cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return Optional.empty();
    }

    @FunctionalInterface
    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /**
     * A refused, unroutable or unresolvable connection never carried the request, so a post that failed that way is known
     * not to exist and is sent again without looking for it first (after an outage, that halves the calls per backlog
     * message). Any failure once connected may have posted.
     */
    static boolean neverSent(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static <T extends SlackApiTextResponse> T call(Call<T> call, boolean notIdempotent) throws SlackCallException {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                throw new SlackCallException(SlackCallException.Kind.RATE_LIMITED, "rate limited (429)",
                        retryAfter(e.getResponse().header("Retry-After")), false);
            }
            boolean retryable = status >= 500 || status == 408;
            throw new SlackCallException(retryable ? SlackCallException.Kind.RETRYABLE : SlackCallException.Kind.PERMANENT,
                    "HTTP " + status, null, retryable && notIdempotent);
        } catch (IOException e) {
            throw new SlackCallException(SlackCallException.Kind.RETRYABLE, "network: " + e.getClass().getSimpleName(),
                    null, notIdempotent && !neverSent(e));
        } catch (RuntimeException e) {
            throw new SlackCallException(SlackCallException.Kind.RETRYABLE, "client: " + e.getClass().getSimpleName(), null,
                    notIdempotent);
        }
        if (response.isOk()) {
            return response;
        }
        String error = response.getError() == null ? "unknown_error" : response.getError();
        if ("ratelimited".equals(error)) {
            throw new SlackCallException(SlackCallException.Kind.RATE_LIMITED, error, Duration.ofSeconds(1), false);
        }
        if (GONE_ERRORS.contains(error)) {
            throw new SlackCallException(SlackCallException.Kind.GONE, error, null, false);
        }
        if (PERMANENT_ERRORS.contains(error)) {
            throw new SlackCallException(SlackCallException.Kind.PERMANENT, error, null, false);
        }
        throw new SlackCallException(SlackCallException.Kind.RETRYABLE, error, null, false);
    }

    /** Slack's {@code Retry-After} (whole seconds); fractions round up, absurd values are capped at an hour. */
    static Duration retryAfter(String header) {
        if (header != null) {
            try {
                double seconds = Double.parseDouble(header.trim());
                if (seconds >= 0) {
                    return Duration.ofSeconds((long) Math.min(Math.ceil(seconds), 3600));
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return Duration.ofSeconds(1);
    }
}
