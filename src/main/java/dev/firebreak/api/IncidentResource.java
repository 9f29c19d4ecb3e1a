package dev.firebreak.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.firebreak.http.ProblemException;
import dev.firebreak.incident.CommandResult;
import dev.firebreak.incident.Incident;
import dev.firebreak.incident.IncidentCommandException;
import dev.firebreak.incident.IncidentCommands;
import dev.firebreak.incident.IncidentFilter;
import dev.firebreak.incident.IncidentPage;
import dev.firebreak.incident.IncidentQueries;
import dev.firebreak.incident.InvalidCursorException;
import dev.firebreak.incident.WorkflowCodec;
import dev.firebreak.incident.workflow.ResponseStep;
import dev.firebreak.incident.workflow.WorkflowCommand;
import dev.firebreak.runbook.Runbook;
import dev.firebreak.security.ActingUser;
import dev.firebreak.security.token.ApiRole;

/**
 * Incidents: list and detail.
 */
@Path("/api/v1/incidents")
@RolesAllowed(ApiRole.VIEWER_NAME) // writes need responder: the /api baseline rule (security.ApiAccessPolicy)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "incidents")
public class IncidentResource {
    private final IncidentQueries queries;
    private final IncidentCommands commands;
    private final Runbook runbook;

    public IncidentResource(IncidentQueries queries, IncidentCommands commands, Runbook runbook) {
        this.queries = queries;
        this.commands = commands;
        this.runbook = runbook;
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
    @Operation(summary = "One incident, with its five response steps and the diagnostic commands to type")
    public Response get(@PathParam("id") String id) {
        Incident incident = queries.byId(parseId(id)).orElseThrow(() -> ProblemException.notFound("no incident " + id));
        return detail(incident, null);
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

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge the incident (harmless when already acknowledged)")
    public Response acknowledge(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            CommandRequests.ActorRequest body) {
        return run(id, ifMatch, new WorkflowCommand.Acknowledge(actor(body == null ? null : body.actor())));
    }

    @POST
    @Path("/{id}/steps/{step}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete the active step; completing resolution resolves, completing the review closes")
    public Response completeStep(@PathParam("id") String id, @PathParam("step") String step,
            @HeaderParam("If-Match") String ifMatch, CommandRequests.NoteRequest body) {
        return run(id, ifMatch, new WorkflowCommand.CompleteStep(step(step), actor(body == null ? null : body.actor()),
                body == null ? null : body.note()));
    }

    @POST
    @Path("/{id}/steps/{step}/skip")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Skip the active step, with a reason")
    public Response skipStep(@PathParam("id") String id, @PathParam("step") String step,
            @HeaderParam("If-Match") String ifMatch, CommandRequests.ReasonRequest body) {
        return run(id, ifMatch, new WorkflowCommand.SkipStep(step(step), actor(body == null ? null : body.actor()),
                body == null ? null : body.reason()));
    }

    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a note to the timeline")
    public Response addNote(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            CommandRequests.TextRequest body) {
        return run(id, ifMatch, new WorkflowCommand.AddNote(actor(body == null ? null : body.actor()),
                body == null ? null : body.text()));
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve the incident directly (earlier open steps are skipped)")
    public Response resolve(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            CommandRequests.NoteRequest body) {
        return run(id, ifMatch, new WorkflowCommand.Resolve(actor(body == null ? null : body.actor()),
                body == null ? null : body.note()));
    }

    @POST
    @Path("/{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reopen a resolved or closed incident; done steps stay done")
    public Response reopen(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            CommandRequests.ReasonRequest body) {
        return run(id, ifMatch, new WorkflowCommand.Reopen(actor(body == null ? null : body.actor()),
                body == null ? null : body.reason()));
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close a resolved incident (critical incidents need a done post-incident review)")
    public Response close(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            CommandRequests.ActorRequest body) {
        return run(id, ifMatch, new WorkflowCommand.Close(actor(body == null ? null : body.actor())));
    }

    private Response run(String id, String ifMatch, WorkflowCommand command) {
        try {
            CommandResult result = commands.execute(parseId(id), command, ETags.version(ifMatch));
            return detail(result.incident(), result.changed() ? null : result.note());
        } catch (IncidentCommandException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> ProblemException.notFound(e.getMessage());
                case CONFLICT -> ProblemException.conflict(e.getMessage());
                case STALE_VERSION -> new ProblemException(412, "stale-version", "Precondition failed", e.getMessage());
                case INVALID -> ProblemException.badRequest(e.getMessage());
            };
        }
    }

    private Response detail(Incident incident, String unchangedNote) {
        IncidentView view = ApiMapper.incidentDetail(incident, runbook.suggest(WorkflowCodec.alertOf(incident)));
        Response.ResponseBuilder response = Response.ok(view).tag(ETags.of(incident.version));
        if (unchangedNote != null) {
            response.header("Firebreak-Unchanged", unchangedNote.replaceAll("[\\r\\n]", " "));
        }
        return response.build();
    }

    private static String actor(String actor) {
        return ActingUser.of(actor);
    }

    private static ResponseStep step(String step) {
        return ResponseStep.fromWire(step)
                .orElseThrow(() -> ProblemException.notFound("no step '"
                        + (step.length() > 40 ? step.substring(0, 40) + "…" : step) + "'; steps are assess_impact,"
                        + " immediate_response, root_cause_analysis, resolution, post_incident_review"));
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
