package dev.firebreak.testsupport;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stateful fake of the Slack Web API on a {@link CapturingHttpServer}: {@code POST /api/chat.postMessage},
 * {@code chat.update}, {@code conversations.history}, {@code conversations.replies} and {@code conversations.list}
 * (form-encoded, {@code Authorization: Bearer} {@value #TOKEN}), answered like Slack and stored, plus
 * {@code POST /hooks/...} capturing {@code response_url} posts. Faults: one-shot faults per method (and channel), seeded
 * random faults, and "down" periods answering 503.
 */
public final class FakeSlack implements AutoCloseable {
    /** The bot token the fake accepts. */
    public static final String TOKEN = "xoxb-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CapturingHttpServer server;
    private final FakeSlackWorkspace workspace = new FakeSlackWorkspace();
    private final List<FakeSlackCall> calls = new ArrayList<>();
    private final List<RecordedRequest> hookPosts = new ArrayList<>();
    private final List<OneShot> oneShots = new ArrayList<>();
    private RandomSlackFaults randomFaults;
    private Random random;
    private Instant downUntil = Instant.MIN;

    private record OneShot(String method, String channel, SlackFault fault) {
    }

    private FakeSlack(CapturingHttpServer server) {
        this.server = server;
    }

    /** Starts a fake Slack on a free loopback port. */
    public static FakeSlack start() {
        FakeSlack slack = new FakeSlack(CapturingHttpServer.start());
        slack.server.respondWith(slack::answer);
        return slack;
    }

    /** The Web API base URL, for {@code firebreak.slack.api-url}. */
    public String apiUrl() {
        return server.url("/api/");
    }

    /** A {@code response_url} on this fake, e.g. {@code hookUrl("actions/T1/1/abc")}. */
    public String hookUrl(String path) {
        return server.url("/hooks/" + path);
    }

    // --- channels and faults ---

    /** Creates a channel (unknown channels answer {@code channel_not_found}) and returns its stable id. */
    public synchronized String createChannel(String name) {
        return workspace.createChannel(name);
    }

    /** The id of an existing channel given by {@code #name}, name or id. */
    public synchronized String channelId(String channel) {
        return workspace.resolve(channel, true).orElseThrow(() -> new AssertionError("no channel " + channel));
    }

    /** The next call of {@code method} (any channel) fails with {@code fault}; queued faults apply in order. */
    public FakeSlack failNext(String method, SlackFault fault) {
        return failNext(method, null, fault);
    }

    /** The next call of {@code method} in {@code channel} (name or id) fails with {@code fault}. */
    public synchronized FakeSlack failNext(String method, String channel, SlackFault fault) {
        oneShots.add(new OneShot(method, channel, fault));
        return this;
    }

    /** From now on every call may fail at random (seeded); null turns random faults off. */
    public synchronized void randomFaults(RandomSlackFaults faults) {
        this.randomFaults = faults;
        this.random = faults == null ? null : new Random(faults.seed());
    }

    /** Every Web API call answers 503 for {@code duration}. */
    public synchronized void downFor(Duration duration) {
        downUntil = Instant.now().plus(duration);
    }

    /** Removes queued and random faults and ends a down period; stored messages stay. */
    public synchronized void clearFaults() {
        oneShots.clear();
        randomFaults(null);
        downUntil = Instant.MIN;
    }

    /** Deletes a message, as a user would (later updates answer {@code message_not_found}). */
    public synchronized void deleteMessage(String channelId, String ts) {
        workspace.message(channelId, ts).orElseThrow().delete();
    }

    // --- what happened ---

    /** Every stored message (also deleted ones), in posting order. */
    public synchronized List<FakeSlackMessage> messages() {
        return workspace.messages();
    }

    /** Messages whose metadata delivery key is {@code root:<incidentId>}. */
    public List<FakeSlackMessage> roots(long incidentId) {
        return withKey("root:" + incidentId);
    }

    /** The single root message of an incident; fails when there is none or more than one. */
    public FakeSlackMessage root(long incidentId) {
        List<FakeSlackMessage> roots = roots(incidentId);
        if (roots.size() != 1) {
            throw new AssertionError("expected exactly one root for incident " + incidentId + " but got " + roots);
        }
        return roots.get(0);
    }

    /** Messages with this metadata delivery key (more than one means a duplicate post). */
    public List<FakeSlackMessage> withKey(String deliveryKey) {
        return messages().stream().filter(m -> deliveryKey.equals(m.deliveryKey())).toList();
    }

    /** Thread replies under {@code parent}, oldest first. */
    public List<FakeSlackMessage> replies(FakeSlackMessage parent) {
        return messages().stream()
                .filter(m -> m.channel().equals(parent.channel()) && parent.ts().equals(m.threadTs()) && !m.topLevel())
                .toList();
    }

    /** Messages in a channel (name or id), posting order. */
    public List<FakeSlackMessage> messagesIn(String channel) {
        String id = channelId(channel);
        return messages().stream().filter(m -> m.channel().equals(id)).toList();
    }

    /** Every Web API call so far, in arrival order. */
    public synchronized List<FakeSlackCall> calls() {
        return List.copyOf(calls);
    }

    /** Calls of {@code method}, optionally only those whose {@code channel} parameter is this channel (name or id). */
    public List<FakeSlackCall> calls(String method, String channel) {
        Predicate<FakeSlackCall> inChannel = channel == null ? c -> true : c -> sameChannel(c.param("channel"), channel);
        return calls().stream().filter(c -> c.method().equals(method)).filter(inChannel).toList();
    }

    /** Requests posted to {@code /hooks/...} (Slack {@code response_url}s), in arrival order. */
    public synchronized List<RecordedRequest> hookPosts() {
        return List.copyOf(hookPosts);
    }

    @Override
    public void close() {
        server.close();
    }

    // --- serving ---

    private synchronized CannedResponse answer(RecordedRequest request) {
        if (request.path().startsWith("/hooks/")) {
            hookPosts.add(request);
            return CannedResponse.body(200, "text/plain", "ok");
        }
        if (!request.path().startsWith("/api/") || !"POST".equals(request.method())) {
            return CannedResponse.body(404, "text/plain", "not found");
        }
        String method = request.path().substring("/api/".length());
        Map<String, String> params = params(request);
        Instant now = Instant.now();
        String auth = request.header("Authorization").orElse("");
        if (now.isBefore(downUntil)) {
            return log(method, params, now, "503",
                    CannedResponse.json(503, FakeSlackWorkspace.error("service_unavailable").toString()));
        }
        if (auth.isEmpty()) {
            return log(method, params, now, "error:not_authed", ok(FakeSlackWorkspace.error("not_authed")));
        }
        if (!auth.equals("Bearer " + TOKEN)) {
            return log(method, params, now, "error:invalid_auth", ok(FakeSlackWorkspace.error("invalid_auth")));
        }
        SlackFault fault = takeOneShot(method, params.get("channel"));
        if (fault == null && randomFaults != null) {
            fault = randomFaults.draw(random);
        }
        if (fault != null && fault.kind() != SlackFault.Kind.TIMEOUT) {
            CannedResponse failure = switch (fault.kind()) {
                case RATE_LIMITED -> CannedResponse.json(429, FakeSlackWorkspace.error("ratelimited").toString())
                        .withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
                case HTTP_ERROR -> CannedResponse.json(fault.status(), FakeSlackWorkspace.error(fault.error()).toString());
                default -> ok(FakeSlackWorkspace.error(fault.error()));
            };
            return log(method, params, now, fault.label(), failure);
        }
        ObjectNode result = switch (method) {
            case "chat.postMessage" -> workspace.postMessage(params);
            case "chat.update" -> workspace.update(params);
            case "conversations.history" -> workspace.history(params);
            case "conversations.replies" -> workspace.replies(params);
            case "conversations.list" -> workspace.list();
            default -> FakeSlackWorkspace.error("unknown_method");
        };
        boolean ok = result.path("ok").asBoolean();
        String outcome = !ok ? "error:" + result.path("error").asText() : fault != null ? "timeout" : "ok";
        CannedResponse response = ok(result);
        return log(method, params, now, outcome, fault != null ? response.delayedBy(fault.delay()) : response);
    }

    private SlackFault takeOneShot(String method, String channel) {
        for (Iterator<OneShot> it = oneShots.iterator(); it.hasNext();) {
            OneShot shot = it.next();
            if (shot.method().equals(method) && (shot.channel() == null || sameChannel(channel, shot.channel()))) {
                it.remove();
                return shot.fault();
            }
        }
        return null;
    }

    private synchronized boolean sameChannel(String sent, String channel) {
        if (sent == null) {
            return false;
        }
        Optional<String> a = workspace.resolve(sent, true);
        Optional<String> b = workspace.resolve(channel, true);
        return a.isPresent() ? a.equals(b) : sent.equals(channel);
    }

    private CannedResponse log(String method, Map<String, String> params, Instant at, String outcome,
            CannedResponse response) {
        calls.add(new FakeSlackCall(method, params, at, outcome));
        return response;
    }

    private static CannedResponse ok(ObjectNode body) {
        return CannedResponse.json(200, body.toString());
    }

    /** Form-encoded parameters (what the Slack SDK sends), or the fields of a JSON body. */
    private static Map<String, String> params(RecordedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        String body = request.bodyAsString();
        if (request.header("Content-Type").orElse("").startsWith("application/json")) {
            try {
                JSON.readTree(body).properties().forEach(field -> params.put(field.getKey(), text(field.getValue())));
            } catch (IOException e) {
                params.put("_invalid_json", body);
            }
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
