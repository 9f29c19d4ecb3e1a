package dev.firebreak.http;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem+json for responses written below JAX-RS (authentication challenges and permission checks on the HTTP router,
 * e.g. for {@code /q/metrics}), so they look exactly like the ones {@link ProblemMappers} writes.
 */
public final class RouteProblems {
    /** The {@code WWW-Authenticate} challenge of Firebreak's bearer tokens. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"firebreak\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteProblems() {
    }

    /** 401: no or invalid credentials. */
    public static void unauthorized(RoutingContext context, String detail) {
        write(context, 401, Problem.TYPE_BASE + "unauthenticated", "Authentication required", detail,
                Map.of("WWW-Authenticate", BEARER_CHALLENGE));
    }

    /** 403: valid credentials without the needed role. */
    public static void forbidden(RoutingContext context, String detail) {
        write(context, 403, Problem.TYPE_BASE + "forbidden", "Forbidden", detail, Map.of());
    }

    /** Any other client error the HTTP layer raised without a body (e.g. 413 from the body size limit). */
    public static void clientError(RoutingContext context, int status) {
        String title = switch (status) {
            case 400 -> "Invalid request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request body too large";
            case 414 -> "Request URI too long";
            case 415 -> "Unsupported media type";
            case 431 -> "Request headers too large";
            default -> "Request failed";
        };
        write(context, status, "about:blank", title, "the request was refused by the HTTP layer", Map.of());
    }

    /** Ends the response with a problem body unless it has already been ended. */
    public static void write(RoutingContext context, int status, String type, String title, String detail,
            Map<String, String> headers) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        Problem problem = new Problem(type, title, status, detail, context.normalizedPath(),
                Map.of());
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"title\":\"" + title + "\",\"status\":" + status + "}";
        }
        response.setStatusCode(status);
        headers.forEach(response::putHeader);
        response.putHeader("Content-Type", Problem.MEDIA_TYPE);
        response.putHeader("Cache-Control", "no-store");
        response.end(body);
    }
}
