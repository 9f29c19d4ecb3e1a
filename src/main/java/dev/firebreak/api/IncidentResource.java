package dev.firebreak.api;

import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.firebreak.http.ProblemException;
import dev.firebreak.incident.IncidentFilter;
import dev.firebreak.incident.IncidentPage;
import dev.firebreak.incident.IncidentQueries;
import dev.firebreak.incident.InvalidCursorException;

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
    @Operation(summary = "List incidents newest first; every filter given must hold; page with nextCursor")
    public PageView<IncidentView> list(@BeanParam IncidentListQuery query) {
        IncidentFilter filter = query.filter();
        int limit = query.limit();
        IncidentPage page;
        try {
            page = queries.search(filter, limit, query.cursor());
        } catch (InvalidCursorException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return new PageView<>(page.items().stream().map(ApiMapper::incident).toList(), page.nextCursor());
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
