package dev.firebreak.incident.workflow;

import static dev.firebreak.incident.workflow.WorkflowFixtures.ALICE;
import static dev.firebreak.incident.workflow.WorkflowFixtures.WORKFLOW;
import static dev.firebreak.incident.workflow.WorkflowFixtures.fresh;
import static dev.firebreak.incident.workflow.WorkflowFixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.WorkflowCommand.Acknowledge;
import dev.firebreak.incident.workflow.WorkflowCommand.AddNote;
import dev.firebreak.incident.workflow.WorkflowCommand.Close;
import dev.firebreak.incident.workflow.WorkflowCommand.CompleteStep;
import dev.firebreak.incident.workflow.WorkflowCommand.Reopen;
import dev.firebreak.incident.workflow.WorkflowCommand.Resolve;
import dev.firebreak.incident.workflow.WorkflowCommand.SkipStep;

/**
 * Explores every state reachable from a fresh incident with every command and checks the invariants that the
 * persistence layer and the UI rely on.
 */
class WorkflowInvariantsTest {

    private static final Instant NOW = minutes(10);
    private static final String SYSTEM = WorkflowCommand.SYSTEM_ACTOR;

    private static List<WorkflowCommand> allCommands() {
        List<WorkflowCommand> commands = new ArrayList<>(List.of(
                new Acknowledge(ALICE),
                new Resolve(ALICE, "fixed"),
                Resolve.bySystem(null),
                new Reopen(ALICE, "back again"),
                new Reopen(SYSTEM, "alert fired again"),
                new Close(ALICE),
                new AddNote(ALICE, "note"),
                new AddNote(SYSTEM, "note")));
        for (ResponseStep step : ResponseStep.values()) {
            commands.add(new CompleteStep(step, ALICE, "done"));
            commands.add(new SkipStep(step, ALICE, "not needed"));
        }
        return commands;
    }

    @ParameterizedTest
    @EnumSource(Severity.class)
    void everyReachableStateIsConsistentAndRepeatsAreHarmless(Severity severity) {
        Set<WorkflowState> seen = new HashSet<>();
        Set<IncidentStatus> statusesReached = EnumSet.noneOf(IncidentStatus.class);
        Deque<WorkflowState> queue = new ArrayDeque<>(List.of(fresh(severity)));
        while (!queue.isEmpty()) {
            WorkflowState state = queue.poll();
            if (!seen.add(state)) {
                continue;
            }
            statusesReached.add(state.status());
            assertConsistent(state);
            for (WorkflowCommand command : allCommands()) {
                Decision decision = WORKFLOW.decide(state, command, NOW);
                if (decision instanceof Decision.Applied applied) {
                    assertThat(applied.events()).isNotEmpty().allSatisfy(event -> {
                        assertThat(event.actor()).isEqualTo(command.actor());
                        assertThat(event.detail()).isNotBlank();
                    });
                    assertRepeatIsHarmless(applied.newState(), command);
                    queue.add(applied.newState());
                } else {
                    assertThat(decision).isInstanceOfAny(Decision.NoChange.class, Decision.Rejected.class);
                }
            }
        }
        assertThat(statusesReached).containsExactlyInAnyOrder(IncidentStatus.values());
        assertThat(seen.size()).isGreaterThan(20);
    }

    /** Settled steps first, then at most one active step, then pending ones; status matches the steps. */
    private static void assertConsistent(WorkflowState state) {
        List<StepProgress> steps = state.steps();
        int firstOpen = 0;
        while (firstOpen < steps.size() && steps.get(firstOpen).isSettled()) {
            firstOpen++;
        }
        if (firstOpen < steps.size()) {
            assertThat(steps.get(firstOpen).state()).as("first unsettled step of %s", state)
                    .isEqualTo(StepState.ACTIVE);
            assertThat(steps.subList(firstOpen + 1, steps.size()))
                    .allSatisfy(step -> assertThat(step.state()).isEqualTo(StepState.PENDING));
        }
        assertThat(state.step(ResponseStep.RESOLUTION).state()).isNotEqualTo(StepState.SKIPPED);
        switch (state.status()) {
            case OPEN, ACKNOWLEDGED -> {
                assertThat(state.step(ResponseStep.RESOLUTION).isSettled()).isFalse();
                assertThat(state.resolvedAt()).isNull();
                assertThat(state.closedAt()).isNull();
            }
            case RESOLVED -> {
                assertThat(state.step(ResponseStep.RESOLUTION).state()).isEqualTo(StepState.DONE);
                assertThat(state.currentStep()).isEqualTo(ResponseStep.POST_INCIDENT_REVIEW);
                assertThat(state.resolvedAt()).isNotNull();
            }
            case CLOSED -> {
                assertThat(state.currentStep()).isNull();
                assertThat(state.closedAt()).isNotNull();
                if (state.severity() == Severity.CRITICAL) {
                    assertThat(state.step(ResponseStep.POST_INCIDENT_REVIEW).state()).isEqualTo(StepState.DONE);
                }
            }
        }
        if (state.status() == IncidentStatus.ACKNOWLEDGED) {
            assertThat(state.acknowledgedAt()).isNotNull();
        }
        if (state.severity() == Severity.CRITICAL && state.status() == IncidentStatus.RESOLVED) {
            assertThat(state.humanTouched()).as("critical incidents are only resolved by people").isTrue();
        }
    }

    /** Every command but AddNote is idempotent: once applied, repeating it changes nothing. */
    private static void assertRepeatIsHarmless(WorkflowState after, WorkflowCommand command) {
        if (command instanceof AddNote) {
            return;
        }
        assertThat(WORKFLOW.decide(after, command, NOW)).as("repeating %s", command)
                .isInstanceOf(Decision.NoChange.class);
    }
}
