package dev.firebreak.notify.slack;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.firebreak.incident.CommandResult;
import dev.firebreak.incident.IncidentCommandException;
import dev.firebreak.incident.IncidentCommands;
import dev.firebreak.incident.workflow.ResponseStep;
import dev.firebreak.incident.workflow.WorkflowCommand;

/**
 * Runs what a verified Slack user asked for (a button or a slash command) through the same incident commands as the
 * REST API, and says in one sentence what happened.
 */
@ApplicationScoped
public class SlackActions {
    private final IncidentCommands commands;

    public SlackActions(IncidentCommands commands) {
        this.commands = commands;
    }

    /**
     * The answer to show the user.
     *
     * @param ok true when the action took effect (or already held)
     * @param text one sentence for the user
     */
    public record Outcome(boolean ok, String text) {
    }

    /** The timeline actor for a verified Slack user. */
    static String actor(String userId, String userName) {
        String name = userName == null || userName.isBlank() ? userId : userName;
        return name + " (Slack " + userId + ")";
    }

    Outcome acknowledge(long incidentId, String actor) {
        return run(incidentId, new WorkflowCommand.Acknowledge(actor), "acknowledged");
    }

    Outcome completeStep(long incidentId, String step, String actor, String note) {
        Optional<ResponseStep> parsed = ResponseStep.fromWire(step);
        if (parsed.isEmpty()) {
            return new Outcome(false, "There is no step '" + SlackText.escape(step) + "'.");
        }
        return run(incidentId, new WorkflowCommand.CompleteStep(parsed.get(), actor, note),
                "completed " + parsed.get().wireName().replace('_', ' ') + " of");
    }

    Outcome resolve(long incidentId, String actor, String note) {
        return run(incidentId, new WorkflowCommand.Resolve(actor, note), "resolved");
    }

    Outcome note(long incidentId, String actor, String text) {
        return run(incidentId, new WorkflowCommand.AddNote(actor, text), "added a note to");
    }

    private Outcome run(long incidentId, WorkflowCommand command, String verb) {
        try {
            CommandResult result = commands.execute(incidentId, command, null);
            if (!result.changed()) {
                return new Outcome(true, "Nothing to do for incident #" + incidentId + ": " + SlackText.escape(result.note()));
            }
            return new Outcome(true, "You " + verb + " incident #" + incidentId + ".");
        } catch (IncidentCommandException e) {
            return new Outcome(false, "Incident #" + incidentId + ": " + SlackText.escape(e.getMessage()));
        }
    }
}
