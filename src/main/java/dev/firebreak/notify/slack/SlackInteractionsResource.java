package dev.firebreak.notify.slack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.http.ProblemException;
import dev.firebreak.ingest.BoundedJson;

/**
 * Slack's requests: button clicks ({@code /slack/interactions}) and the {@code /firebreak} slash command
 * ({@code /slack/commands}). The signature is verified over the raw bytes before anything is parsed; the work is a
 * short database transaction, so Slack gets its answer well within 3 seconds.
 */
@Path("/slack")
@Tag(name = "slack")
public class SlackInteractionsResource {
    private static final Logger LOG = Logger.getLogger(SlackInteractionsResource.class);
    static final int MAX_BODY = 64 * 1024;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private final SlackSettings settings;
    private final SlackActions actions;
    private final Clock clock;
    private final ObjectMapper json = BoundedJson.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SlackInteractionsResource(SlackSettings settings, SlackActions actions, Clock clock) {
        this.settings = settings;
        this.actions = actions;
        this.clock = clock;
    }

    @POST
    @Path("/interactions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Slack interactivity endpoint (buttons on incident messages)")
    public Response interactions(InputStream body, @HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature) {
        Map<String, String> form = verifiedForm(body, timestamp, signature);
        String payloadText = form.get("payload");
        if (payloadText == null) {
            throw ProblemException.badRequest("the form has no payload field");
        }
        JsonNode payload;
        try {
            payload = json.readTree(payloadText);
        } catch (IOException e) {
            throw ProblemException.badRequest("the payload is not valid JSON");
        }
        if (payload == null || !"block_actions".equals(payload.path("type").asText())) {
            return Response.ok().build();
        }
        JsonNode action = payload.path("actions").path(0);
        String actor = SlackActions.actor(payload.path("user").path("id").asText("unknown"),
                payload.path("user").path("username").asText(payload.path("user").path("name").asText(null)));
        SlackActions.Outcome outcome = click(action.path("action_id").asText(""), action.path("value").asText(""), actor);
        LOG.infof("Slack action %s by %s: %s", action.path("action_id").asText(""), actor, outcome.text());
        if (!outcome.ok()) {
            respondEphemeral(payload.path("response_url").asText(null), outcome.text());
        }
        return Response.ok().build();
    }

    @POST
    @Path("/commands")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The /firebreak slash command: ack|step|resolve|note <incident id> [text]")
    public Response command(InputStream body, @HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature) {
        Map<String, String> form = verifiedForm(body, timestamp, signature);
        String actor = SlackActions.actor(form.getOrDefault("user_id", "unknown"), form.get("user_name"));
        SlackActions.Outcome outcome = slashCommand(form.getOrDefault("text", "").trim(), actor);
        ObjectNode answer = json.createObjectNode().put("response_type", "ephemeral").put("text", outcome.text());
        return Response.ok(answer.toString(), MediaType.APPLICATION_JSON).build();
    }

    private SlackActions.Outcome click(String actionId, String value, String actor) {
        String[] parts = value.split(":", 2);
        long incidentId;
        try {
            incidentId = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return new SlackActions.Outcome(false, "That button does not name an incident.");
        }
        return switch (actionId) {
            case SlackMessageRenderer.ACTION_ACK -> actions.acknowledge(incidentId, actor);
            case SlackMessageRenderer.ACTION_COMPLETE -> parts.length < 2
                    ? new SlackActions.Outcome(false, "That button does not name a step.")
                    : actions.completeStep(incidentId, parts[1], actor, "completed from Slack");
            case SlackMessageRenderer.ACTION_RESOLVE -> actions.resolve(incidentId, actor, "resolved from Slack");
            default -> new SlackActions.Outcome(false, "Unknown action.");
        };
    }

    static final String USAGE = "Usage: /firebreak ack <id> | step <id> <step> [note] | resolve <id> [note] | note <id> <text>";

    private SlackActions.Outcome slashCommand(String text, String actor) {
        String[] words = text.split("\\s+", 3);
        if (words.length < 2) {
            return new SlackActions.Outcome(false, USAGE);
        }
        long incidentId;
        try {
            incidentId = Long.parseLong(words[1].replace("#", ""));
        } catch (NumberFormatException e) {
            return new SlackActions.Outcome(false, USAGE);
        }
        String rest = words.length > 2 ? words[2] : null;
        return switch (words[0].toLowerCase(Locale.ROOT)) {
            case "ack", "acknowledge" -> actions.acknowledge(incidentId, actor);
            case "resolve" -> actions.resolve(incidentId, actor, rest);
            case "note" -> rest == null ? new SlackActions.Outcome(false, USAGE) : actions.note(incidentId, actor, rest);
            case "step" -> {
                if (rest == null) {
                    yield new SlackActions.Outcome(false, USAGE);
                }
                String[] stepAndNote = rest.split("\\s+", 2);
                yield actions.completeStep(incidentId, stepAndNote[0], actor, stepAndNote.length > 1 ? stepAndNote[1] : null);
            }
            default -> new SlackActions.Outcome(false, USAGE);
        };
    }

    private Map<String, String> verifiedForm(InputStream body, String timestamp, String signature) {
        String secret = settings.signingSecret()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new ProblemException(401,
                        "unauthenticated", "Authentication required",
                        "Slack requests are refused: no signing secret is configured"));
        byte[] raw;
        try (InputStream in = body) {
            raw = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw ProblemException.badRequest("the request body could not be read");
        }
        if (raw.length > MAX_BODY) {
            throw new ProblemException(413, "body-too-large", "Request body too large", "Slack requests are limited to "
                    + MAX_BODY + " bytes");
        }
        String refusal = new SlackSignatureVerifier(secret).check(timestamp, signature, raw, clock.instant());
        if (refusal != null) {
            throw new ProblemException(401, "unauthenticated", "Authentication required", refusal);
        }
        return parseForm(new String(raw, StandardCharsets.UTF_8));
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("the body is not a valid form");
            }
        }
        return form;
    }

    /** Tells the clicking user why nothing happened; only to Slack's own hosts (no request forgery through us). */
    private void respondEphemeral(String responseUrl, String text) {
        if (responseUrl == null) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(responseUrl);
        } catch (IllegalArgumentException e) {
            return;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean allowedHost = settings.responseUrlHosts().stream().anyMatch(h -> h.equalsIgnoreCase(host));
        boolean allowedScheme = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && LOOPBACK.contains(host);
        if (!allowedHost || !allowedScheme) {
            LOG.warnf("ignored a Slack response_url on host %s", host);
            return;
        }
        String message = json.createObjectNode()
                .put("response_type", "ephemeral")
                .put("replace_original", false)
                .put("text", text)
                .toString();
        http.sendAsync(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message))
                .build(), HttpResponse.BodyHandlers.discarding())
                .exceptionally(e -> {
                    LOG.infof("could not answer on Slack's response_url: %s", e.getClass().getSimpleName());
                    return null;
                });
    }
}
