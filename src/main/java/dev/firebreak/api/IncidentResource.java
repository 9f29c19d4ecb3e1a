package dev.firebreak.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.firebreak.http.ProblemException;
import dev.firebreak.incident.IncidentQueries;

/**
 * Incidents: list and detail.
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "incidents")
public class IncidentResource {
    private final IncidentQueries queries;

    public IncidentResource(IncidentQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "List incidents, newest first")
    public PageView<IncidentView> list(@QueryParam("limit") String limitParam) {
        int limit = Params.limit(limitParam);
        return new PageView<>(queries.newest(limit).stream().map(ApiMapper::incident).toList(), null);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incident")
    public IncidentView get(@PathParam("id") String id) {
        return queries.byId(parseId(id))
                .map(ApiMapper::incident)
                .orElseThrow(() -> ProblemException.notFound("no incident " + id));
    }

    @GET
    @Path("/{id}/timeline")
    @Operation(summary = "The incident's timeline, oldest first")
    public List<TimelineEntryView> timeline(@PathParam("id") String id) {
        long incidentId = parseId(id);
        if (queries.byId(incidentId).isEmpty()) {
            throw ProblemException.notFound("no incident " + id);
        }
        return queries.timeline(incidentId).stream().map(ApiMapper::timeline).toList();
    }

    static long parseId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ProblemException.notFound("no incident " + (id.length() > 40 ? id.substring(0, 40) + "…" : id));
    }
}
