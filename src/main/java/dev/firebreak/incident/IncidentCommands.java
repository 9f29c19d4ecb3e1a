package dev.firebreak.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.firebreak.incident.workflow.Decision;
import dev.firebreak.incident.workflow.IncidentWorkflow;
import dev.firebreak.incident.workflow.WorkflowCommand;
import dev.firebreak.incident.workflow.WorkflowEvent;
import dev.firebreak.incident.workflow.WorkflowState;

/**
 * What people do to incidents (acknowledge, work the steps, note, resolve, reopen, close): one transaction per command,
 * the incident row locked, the workflow's decision applied, and every transition written to the timeline and the
 * outbox in the same transaction.
 */
@ApplicationScoped
public class IncidentCommands {
    /** Actor names the system itself uses; a person may not claim them. */
    static final Set<String> RESERVED_ACTORS = Set.of(WorkflowCommand.SYSTEM_ACTOR, IncidentIngestService.SOURCE_ACTOR,
            "firebreak");

    private final IncidentWorkflow workflow;
    private final Clock clock;

    public IncidentCommands(IncidentWorkflow workflow, Clock clock) {
        this.workflow = workflow;
        this.clock = clock;
    }

    /**
     * Applies a person's command.
     *
     * @param incidentId the incident
     * @param command the command, with the verified actor
     * @param expectedVersion the version the caller saw ({@code If-Match}), or null to skip the check
     */
    @Transactional
    public CommandResult execute(long incidentId, WorkflowCommand command, Long expectedVersion) {
        String actor = command.actor() == null ? "" : command.actor().trim();
        if (RESERVED_ACTORS.contains(actor.toLowerCase(Locale.ROOT))) {
            throw new IncidentCommandException(IncidentCommandException.Kind.INVALID, "actor '" + actor + "' is reserved");
        }
        workflow.invalid(command).ifPresent(problem -> {
            throw new IncidentCommandException(IncidentCommandException.Kind.INVALID, problem);
        });
        Incident incident = Incident.<Incident>findByIdOptional(incidentId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new IncidentCommandException(IncidentCommandException.Kind.NOT_FOUND,
                        "no incident " + incidentId));
        if (expectedVersion != null && expectedVersion != incident.version) {
            throw new IncidentCommandException(IncidentCommandException.Kind.STALE_VERSION, "incident " + incidentId
                    + " changed since version " + expectedVersion + " (now " + incident.version + "); reload and retry");
        }
        Instant now = clock.instant();
        Decision decision = workflow.decide(WorkflowCodec.state(incident), command, now);
        if (decision instanceof Decision.Rejected rejected) {
            throw new IncidentCommandException(IncidentCommandException.Kind.CONFLICT, rejected.reason());
        }
        if (decision instanceof Decision.NoChange noChange) {
            return new CommandResult(incident, false, noChange.why());
        }
        Decision.Applied applied = (Decision.Applied) decision;
        WorkflowState before = WorkflowCodec.state(incident);
        WorkflowCodec.apply(applied.newState(), incident);
        if (applied.newState().resolvedAt() != null && !applied.newState().resolvedAt().equals(before.resolvedAt())) {
            incident.resolvedBy = actor;
        }
        incident.updatedAt = now;
        for (WorkflowEvent event : applied.events()) {
            append(incident.id, now, event);
        }
        incident.persistAndFlush();
        return new CommandResult(incident, true, null);
    }

    private static void append(long incidentId, Instant now, WorkflowEvent event) {
        TimelineEvent timeline = new TimelineEvent();
        timeline.incidentId = incidentId;
        timeline.at = now;
        timeline.type = event.type().wireName();
        timeline.actor = event.actor();
        timeline.detail = event.detail();
        timeline.persist();
        OutboxEntry outbox = new OutboxEntry();
        outbox.incidentId = incidentId;
        outbox.timelineEventId = timeline.id;
        outbox.kind = timeline.type;
        outbox.createdAt = now;
        outbox.nextAttemptAt = now;
        outbox.persist();
    }
}
