package dev.firebreak.incident.workflow;

import java.util.Optional;

import dev.firebreak.incident.workflow.WorkflowCommand.AddNote;
import dev.firebreak.incident.workflow.WorkflowCommand.CompleteStep;
import dev.firebreak.incident.workflow.WorkflowCommand.Reopen;
import dev.firebreak.incident.workflow.WorkflowCommand.Resolve;
import dev.firebreak.incident.workflow.WorkflowCommand.SkipStep;

/**
 * Checks the fields of a command (actor, step, note lengths) before any state is looked at.
 */
final class CommandValidator {

    private final int maxTextLength;
    private final int maxActorLength;

    CommandValidator(int maxTextLength, int maxActorLength) {
        this.maxTextLength = maxTextLength;
        this.maxActorLength = maxActorLength;
    }

    /** The first problem with {@code command}, or empty when it is well-formed. */
    Optional<String> problem(WorkflowCommand command) {
        String actor = command.actor();
        if (actor == null || actor.isBlank()) {
            return Optional.of("actor is required");
        }
        if (actor.length() > maxActorLength) {
            return Optional.of("actor is too long (" + actor.length() + " characters, at most " + maxActorLength + ")");
        }
        if (command instanceof CompleteStep complete) {
            return firstOf(requireStep(complete.step()), optionalText("note", complete.note()));
        }
        if (command instanceof SkipStep skip) {
            return firstOf(requireStep(skip.step()), requiredText("a reason to skip", skip.reason()));
        }
        if (command instanceof Resolve resolve) {
            return optionalText("note", resolve.note());
        }
        if (command instanceof Reopen reopen) {
            return optionalText("reason", reopen.reason());
        }
        if (command instanceof AddNote note) {
            return requiredText("note text", note.text());
        }
        return Optional.empty();
    }

    private static Optional<String> requireStep(ResponseStep step) {
        return step == null ? Optional.of("step is required") : Optional.empty();
    }

    private Optional<String> requiredText(String what, String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(what + " is required");
        }
        return optionalText(what, text);
    }

    private Optional<String> optionalText(String what, String text) {
        if (text != null && text.length() > maxTextLength) {
            return Optional.of(
                    what + " is too long (" + text.length() + " characters, at most " + maxTextLength + ")");
        }
        return Optional.empty();
    }

    @SafeVarargs
    private static Optional<String> firstOf(Optional<String>... problems) {
        for (Optional<String> problem : problems) {
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
