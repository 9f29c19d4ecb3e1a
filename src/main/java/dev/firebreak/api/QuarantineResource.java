package dev.firebreak.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.firebreak.ingest.QuarantineQueries;
import dev.firebreak.security.token.ApiRole;

/**
 * Quarantined messages: what could not be processed, and why.
 */
@Path("/api/v1/quarantine")
@RolesAllowed(ApiRole.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "quarantine")
public class QuarantineResource {
    private final QuarantineQueries queries;

    public QuarantineResource(QuarantineQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "List quarantined messages, newest first")
    public PageView<QuarantineView> list(@QueryParam("limit") String limitParam) {
        int limit = Params.limit(limitParam);
        return new PageView<>(queries.newest(limit).stream().map(ApiMapper::quarantine).toList(), null);
    }
}
