package dev.firebreak.http;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Maps every failure of a JAX-RS request to a problem+json response: the single error-to-status table.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private static final Map<Integer, String> TITLES = Map.of(
            400, "Invalid request",
            401, "Authentication required",
            403, "Forbidden",
            404, "Not found",
            405, "Method not allowed",
            406, "Not acceptable",
            409, "Conflict with the current state",
            413, "Request body too large",
            415, "Unsupported media type",
            503, "Service unavailable");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + e.typeSlug(), e.title(), e.status(), e.detail(), path(uri),
                        e.extensions()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized("this endpoint requires an API token (Authorization: Bearer TOKEN)", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized("the API token is not valid", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(new ProblemException(403, "forbidden", "Forbidden", "this API token does not have the role this needs"),
                uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return simple(400, "the request body is not valid JSON for this operation", uri);
    }

    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return simple(400, "unknown field '" + unknown.getPropertyName() + "'; this operation accepts only "
                    + unknown.getKnownPropertyIds(), uri);
        }
        String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
        return simple(400, field == null
                ? "the request body does not have the expected shape"
                : "field '" + field + "' has the wrong type", uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 415 -> "this content type is not supported here";
            case 406 -> "this response media type cannot be produced";
            default -> "the request could not be processed";
        };
        if (status == 400 && e.getCause() instanceof JsonProcessingException) {
            detail = "the request body is not valid JSON for this operation";
        }
        return simple(status, detail, uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", errorId, path(uri));
        return Response.status(500)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Internal error", 500,
                        "an unexpected error occurred; it was logged with id " + errorId, path(uri), Map.of()))
                .build();
    }

    private Response unauthorized(String detail, UriInfo uri) {
        return problem(new ProblemException(401, "unauthenticated", "Authentication required", detail,
                Map.of("WWW-Authenticate", RouteProblems.BEARER_CHALLENGE), Map.of()), uri);
    }

    private static Response simple(int status, String detail, UriInfo uri) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", TITLES.getOrDefault(status, "Request failed"), status, detail, path(uri),
                        Map.of()))
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
