package dev.firebreak.incident.workflow;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.WorkflowCommand.AddNote;
import dev.firebreak.incident.workflow.WorkflowCommand.CompleteStep;
import dev.firebreak.incident.workflow.WorkflowCommand.Reopen;
import dev.firebreak.incident.workflow.WorkflowCommand.Resolve;
import dev.firebreak.incident.workflow.WorkflowCommand.SkipStep;

/**
 * Pure decision function of the incident workflow: given a state, a command and the time, says what changes.
 * The persistence layer calls {@link #decide} inside its transaction, stores the new state and appends the events.
 */
public final class IncidentWorkflow {

    /** Longest accepted note, reason or note text. */
    public static final int MAX_TEXT_LENGTH = 4000;
    /** Longest accepted actor name. */
    public static final int MAX_ACTOR_LENGTH = 200;

    private final Map<Severity, SeverityPolicy> policies;
    private final CommandValidator validator = new CommandValidator(MAX_TEXT_LENGTH, MAX_ACTOR_LENGTH);

    /** A workflow with {@link SeverityPolicy#defaults()}. */
    public IncidentWorkflow() {
        this(SeverityPolicy.defaults());
    }

    /** A workflow with custom per-severity policies; every severity must have one. */
    public IncidentWorkflow(Map<Severity, SeverityPolicy> policies) {
        Map<Severity, SeverityPolicy> copy = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            SeverityPolicy policy = policies.get(severity);
            if (policy == null) {
                throw new IllegalArgumentException("no workflow policy for severity " + severity.wireName());
            }
            copy.put(severity, policy);
        }
        this.policies = copy;
    }

    /**
     * Decides what {@code command} does to {@code state} at {@code now}. Checks run in this order: the command's
     * fields, whether the system may issue it, the status table, the step table (step commands), then the
     * command's own rules (severity policy, auto-resolve eligibility).
     */
    /** What is wrong with the command itself (missing actor or reason, text too long), whatever the state. */
    public Optional<String> invalid(WorkflowCommand command) {
        return validator.problem(Objects.requireNonNull(command, "command"));
    }

    public Decision decide(WorkflowState state, WorkflowCommand command, Instant now) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(now, "now");
        Optional<String> problem = validator.problem(command);
        if (problem.isPresent()) {
            return new Decision.Rejected(problem.get());
        }
        if (command.bySystem() && !TransitionTable.systemCommands().contains(command.kind())) {
            return new Decision.Rejected(
                    "the system actor cannot " + command.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        ResponseStep step = stepOf(command);
        Optional<Decision> gated = gate(TransitionTable.forStatus(state.status(), command.kind()), state, step);
        if (gated.isEmpty() && step != null) {
            gated = gate(TransitionTable.forStep(state.step(step).state(), command.kind()), state, step);
        }
        Decision decision = gated.orElseGet(() -> apply(state, command, now));
        if (decision instanceof Decision.Applied applied) {
            checkAgainstTables(state, applied.newState());
        }
        return decision;
    }

    /**
     * Whether the system may resolve this incident because its source alert cleared: the severity allows it
     * (never critical), the incident is still open, and no person has acted on it.
     */
    public boolean canAutoResolve(WorkflowState state) {
        return autoResolveBlocker(state).isEmpty();
    }

    /** The policy applied to incidents of {@code severity}. */
    public SeverityPolicy policy(Severity severity) {
        return policies.get(severity);
    }

    private Optional<String> autoResolveBlocker(WorkflowState state) {
        if (!policy(state.severity()).autoResolvable()) {
            return Optional.of(state.severity().wireName() + " incidents never auto-resolve");
        }
        if (state.status() != IncidentStatus.OPEN || state.acknowledgedAt() != null) {
            return Optional.of("incident was acknowledged: a person must resolve it");
        }
        if (state.humanTouched()) {
            return Optional.of("a person has acted on this incident: a person must resolve it");
        }
        return Optional.empty();
    }

    private Decision apply(WorkflowState state, WorkflowCommand command, Instant now) {
        Change change = new Change(state, command, now);
        SeverityPolicy policy = policy(state.severity());
        return switch (command.kind()) {
            case ACKNOWLEDGE -> CommandEffects.acknowledge(change);
            case COMPLETE_STEP -> CommandEffects.completeStep(change, (CompleteStep) command);
            case SKIP_STEP -> CommandEffects.skipStep(change, (SkipStep) command, policy);
            case RESOLVE -> autoResolveRejection(state, command)
                    .orElseGet(() -> CommandEffects.resolve(change, (Resolve) command));
            case REOPEN -> CommandEffects.reopen(change, (Reopen) command);
            case CLOSE -> CommandEffects.close(change, policy);
            case ADD_NOTE -> CommandEffects.addNote(change, (AddNote) command);
        };
    }

    private Optional<Decision> autoResolveRejection(WorkflowState state, WorkflowCommand command) {
        if (!command.bySystem()) {
            return Optional.empty();
        }
        return autoResolveBlocker(state).<Decision>map(Decision.Rejected::new);
    }

    private static Optional<Decision> gate(GateRule rule, WorkflowState state, ResponseStep step) {
        return switch (rule.gate()) {
            case NO_CHANGE -> Optional.of(new Decision.NoChange(rule.reason(state, step)));
            case REJECT -> Optional.of(new Decision.Rejected(rule.reason(state, step)));
            case PROCEED -> Optional.empty();
        };
    }

    private static ResponseStep stepOf(WorkflowCommand command) {
        if (command instanceof CompleteStep complete) {
            return complete.step();
        }
        if (command instanceof SkipStep skip) {
            return skip.step();
        }
        return null;
    }

    /** Guards the effects against the declared status and step graphs; a failure here is a bug, not bad input. */
    private static void checkAgainstTables(WorkflowState before, WorkflowState after) {
        if (before.status() != after.status() && !before.status().canTransitionTo(after.status())) {
            throw new IllegalStateException(
                    "illegal status change " + before.status().wireName() + " -> " + after.status().wireName());
        }
        for (ResponseStep step : ResponseStep.values()) {
            StepState from = before.step(step).state();
            StepState to = after.step(step).state();
            if (from != to && !from.canTransitionTo(to)) {
                throw new IllegalStateException("illegal step change " + step.wireName() + ": " + from.wireName()
                        + " -> " + to.wireName());
            }
        }
    }
}
