package dev.firebreak.incident.workflow;

import java.util.ArrayList;
import java.util.List;

import dev.firebreak.incident.workflow.WorkflowCommand.AddNote;
import dev.firebreak.incident.workflow.WorkflowCommand.CompleteStep;
import dev.firebreak.incident.workflow.WorkflowCommand.Reopen;
import dev.firebreak.incident.workflow.WorkflowCommand.Resolve;
import dev.firebreak.incident.workflow.WorkflowCommand.SkipStep;

/**
 * The effect of each command once the transition tables let it through; a few checks that depend on the
 * severity policy or the exact step also live here.
 */
final class CommandEffects {

    static final String RESOLVED_DIRECTLY = "resolved directly";
    static final String AUTO_RESOLVED = "auto-resolved: the source alert cleared";
    static final String CLOSED_WITHOUT_REVIEW = "closed without post-incident review";

    private CommandEffects() {
    }

    static Decision acknowledge(Change change) {
        return change.markHumanTouched().acknowledgeIfOpen("").applied();
    }

    static Decision completeStep(Change change, CompleteStep command) {
        ResponseStep step = command.step();
        String note = clean(command.note());
        change.markHumanTouched().acknowledgeIfOpen("by completing " + step.wireName());
        StepProgress progress = change.state().step(step);
        change.step(progress.done(change.now(), change.actor(), note))
                .activateNext(step)
                .event(WorkflowEventType.STEP_COMPLETED, withNote("completed " + step.wireName(), note));
        if (step == ResponseStep.RESOLUTION) {
            change.resolve().event(WorkflowEventType.RESOLVED, "resolved by completing resolution");
        } else if (step == ResponseStep.POST_INCIDENT_REVIEW) {
            change.close().event(WorkflowEventType.CLOSED, "closed after post_incident_review");
        }
        return change.applied();
    }

    static Decision skipStep(Change change, SkipStep command, SeverityPolicy policy) {
        ResponseStep step = command.step();
        if (step == ResponseStep.RESOLUTION) {
            return new Decision.Rejected("resolution cannot be skipped: resolve the incident instead");
        }
        if (step == ResponseStep.POST_INCIDENT_REVIEW && policy.review() == ReviewRequirement.REQUIRED) {
            return new Decision.Rejected("post_incident_review cannot be skipped on a "
                    + change.state().severity().wireName() + " incident");
        }
        String reason = clean(command.reason());
        change.markHumanTouched().acknowledgeIfOpen("by skipping " + step.wireName());
        StepProgress progress = change.state().step(step);
        change.step(progress.skipped(change.now(), change.actor(), reason))
                .activateNext(step)
                .event(WorkflowEventType.STEP_SKIPPED, "skipped " + step.wireName() + ": " + reason);
        if (step == ResponseStep.POST_INCIDENT_REVIEW) {
            change.close().event(WorkflowEventType.CLOSED, CLOSED_WITHOUT_REVIEW);
        }
        return change.applied();
    }

    static Decision resolve(Change change, Resolve command) {
        String note = clean(command.note());
        change.markHumanTouched().acknowledgeIfOpen("by resolving");
        String skipReason = change.human() ? RESOLVED_DIRECTLY : AUTO_RESOLVED;
        List<String> skipped = new ArrayList<>();
        for (StepProgress progress : change.state().steps()) {
            if (progress.step().compareTo(ResponseStep.RESOLUTION) < 0 && !progress.isSettled()) {
                change.step(progress.skipped(change.now(), change.actor(), skipReason));
                skipped.add(progress.step().wireName());
            }
        }
        StepProgress resolution = change.state().step(ResponseStep.RESOLUTION);
        change.step(resolution.done(change.now(), change.actor(), note == null ? skipReason : note))
                .activateNext(ResponseStep.RESOLUTION)
                .resolve();
        String skippedText = skipped.isEmpty() ? "" : " (skipped " + String.join(", ", skipped) + ")";
        if (change.human()) {
            change.event(WorkflowEventType.RESOLVED, withNote(RESOLVED_DIRECTLY, note) + skippedText);
        } else {
            change.event(WorkflowEventType.AUTO_RESOLVED, withNote(AUTO_RESOLVED, note) + skippedText);
        }
        return change.applied();
    }

    /**
     * Resolution and everything after it go back to pending, then the first step that is neither done nor skipped
     * becomes active, which after a resolve is always resolution. Earlier done or skipped steps are kept.
     */
    static Decision reopen(Change change, Reopen command) {
        String reason = clean(command.reason());
        change.markHumanTouched().reopen();
        for (StepProgress progress : change.state().steps()) {
            if (progress.step().compareTo(ResponseStep.RESOLUTION) >= 0) {
                change.step(StepProgress.pending(progress.step()));
            }
        }
        ResponseStep activated = null;
        for (StepProgress progress : change.state().steps()) {
            if (!progress.isSettled()) {
                activated = progress.step();
                if (progress.state() == StepState.PENDING) {
                    change.step(StepProgress.active(activated, change.now()));
                }
                break;
            }
        }
        String detail = withNote("reopened", reason) + "; " + activated.wireName() + " is active again";
        return change.event(WorkflowEventType.REOPENED, detail).applied();
    }

    static Decision close(Change change, SeverityPolicy policy) {
        StepProgress review = change.state().step(ResponseStep.POST_INCIDENT_REVIEW);
        change.markHumanTouched();
        if (review.isSettled()) {
            return change.close().event(WorkflowEventType.CLOSED, "closed").applied();
        }
        String severity = change.state().severity().wireName();
        return switch (policy.review()) {
            case REQUIRED -> new Decision.Rejected(
                    "a " + severity + " incident cannot close before post_incident_review is done: complete it first");
            case SKIPPABLE_WITH_REASON -> new Decision.Rejected("a " + severity
                    + " incident cannot close before post_incident_review is done or skipped with a reason");
            case OPTIONAL -> change.step(review.skipped(change.now(), change.actor(), CLOSED_WITHOUT_REVIEW))
                    .close()
                    .event(WorkflowEventType.CLOSED, CLOSED_WITHOUT_REVIEW + " (" + severity + " incident)")
                    .applied();
        };
    }

    static Decision addNote(Change change, AddNote command) {
        return change.markHumanTouched().event(WorkflowEventType.NOTE_ADDED, clean(command.text())).applied();
    }

    private static String withNote(String sentence, String note) {
        return note == null ? sentence : sentence + ": " + note;
    }

    /** Trimmed text, or null when blank. */
    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
