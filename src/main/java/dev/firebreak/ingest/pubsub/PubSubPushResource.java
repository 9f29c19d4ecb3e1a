package dev.firebreak.ingest.pubsub;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.firebreak.http.ProblemException;
import dev.firebreak.ingest.AlertIngestor;
import dev.firebreak.ingest.IngestConfig;
import dev.firebreak.ingest.IngestResult;
import dev.firebreak.ingest.IngestUnavailableException;

/**
 * The Pub/Sub push endpoint. 204 only after the message is committed; 200 with a reason for a quarantined message
 * (so Pub/Sub stops redelivering it); 503 problem+json with {@code Retry-After} when nothing could be committed.
 */
@Path("/pubsub/push")
@Tag(name = "ingest")
public class PubSubPushResource {
    private final AlertIngestor ingestor;
    private final PushConfig config;
    private final IngestConfig ingestConfig;
    private final PushAuthenticator authenticator;
    private final PushEnvelopeParser parser = new PushEnvelopeParser();

    public PubSubPushResource(AlertIngestor ingestor, PushConfig config, IngestConfig ingestConfig,
            PushAuthenticator authenticator) {
        this.ingestor = ingestor;
        this.config = config;
        this.ingestConfig = ingestConfig;
        this.authenticator = authenticator;
    }

    /** A quarantine acknowledgement body. */
    public record Quarantined(String status, String reason, String detail) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Pub/Sub push delivery (wrapped envelope or unwrapped payload)")
    public Response push(InputStream body, @Context HttpHeaders httpHeaders, @QueryParam("token") String token) {
        authenticator.authenticate(token, httpHeaders.getHeaderString(HttpHeaders.AUTHORIZATION));
        byte[] bytes = readBounded(body, config.maxBodyBytes());
        PushEnvelopeParser.Result parsed = parser.parse(bytes, headers(httpHeaders));
        IngestResult result;
        try {
            if (parsed instanceof PushEnvelopeParser.Parsed message) {
                result = ingestor.ingest(message.message());
            } else {
                PushEnvelopeParser.Unusable unusable = (PushEnvelopeParser.Unusable) parsed;
                result = ingestor.quarantine(unusable.raw(), unusable.code(), unusable.reason());
            }
        } catch (IngestUnavailableException e) {
            throw new ProblemException(503, "ingest-unavailable", "Service unavailable",
                    "the message could not be stored now; Pub/Sub will redeliver it",
                    Map.of("Retry-After", Integer.toString(ingestConfig.retryAfterSeconds())), Map.of());
        }
        if (result.reasonCode() != null) {
            return Response.ok(new Quarantined("quarantined", result.reasonCode(), result.reason())).build();
        }
        return Response.noContent().build();
    }

    private static byte[] readBounded(InputStream body, int maxBytes) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ProblemException(413, "body-too-large", "Request body too large",
                        "push bodies are limited to " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.badRequest("the request body could not be read");
        }
    }

    private static Map<String, String> headers(HttpHeaders httpHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : httpHeaders.getRequestHeaders().entrySet()) {
            if (!entry.getValue().isEmpty()) {
                headers.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().get(0));
            }
        }
        return headers;
    }
}
