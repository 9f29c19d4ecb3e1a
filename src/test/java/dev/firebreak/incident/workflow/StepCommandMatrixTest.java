package dev.firebreak.incident.workflow;

import static dev.firebreak.incident.workflow.WorkflowFixtures.WORKFLOW;
import static dev.firebreak.incident.workflow.WorkflowFixtures.activeAt;
import static dev.firebreak.incident.workflow.WorkflowFixtures.apply;
import static dev.firebreak.incident.workflow.WorkflowFixtures.complete;
import static dev.firebreak.incident.workflow.WorkflowFixtures.fresh;
import static dev.firebreak.incident.workflow.WorkflowFixtures.minutes;
import static dev.firebreak.incident.workflow.WorkflowFixtures.skip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.Severity;

/**
 * Every (step × step state × step command) combination that can occur, against the expected outcome table.
 */
class StepCommandMatrixTest {

    /** Expected outcome per step state for complete and skip; resolution is never skippable. */
    private static final Map<StepState, List<String>> EXPECTED = Map.of(
            StepState.PENDING, List.of("REJECTED", "REJECTED"),
            StepState.ACTIVE, List.of("APPLIED", "APPLIED"),
            StepState.DONE, List.of("NO_CHANGE", "REJECTED"),
            StepState.SKIPPED, List.of("REJECTED", "NO_CHANGE"));

    static Stream<Arguments> reachableCombinations() {
        List<Arguments> rows = new ArrayList<>();
        for (ResponseStep step : ResponseStep.values()) {
            for (StepState state : StepState.values()) {
                boolean unreachable = (step == ResponseStep.ASSESS_IMPACT && state == StepState.PENDING)
                        || (step == ResponseStep.RESOLUTION && state == StepState.SKIPPED);
                if (unreachable) {
                    continue;
                }
                for (CommandKind kind : List.of(CommandKind.COMPLETE_STEP, CommandKind.SKIP_STEP)) {
                    String expected = EXPECTED.get(state).get(kind == CommandKind.COMPLETE_STEP ? 0 : 1);
                    if (step == ResponseStep.RESOLUTION && kind == CommandKind.SKIP_STEP
                            && state == StepState.ACTIVE) {
                        expected = "REJECTED";
                    }
                    rows.add(Arguments.of(step, state, kind, expected));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{2} {0} while {1} -> {3}")
    @MethodSource("reachableCombinations")
    void outcomeFollowsTheTable(ResponseStep step, StepState stepState, CommandKind kind, String expected) {
        WorkflowState state = withStepIn(step, stepState);
        assertThat(state.step(step).state()).isEqualTo(stepState);
        WorkflowCommand command = kind == CommandKind.COMPLETE_STEP ? complete(step) : skip(step);

        Decision decision = WORKFLOW.decide(state, command, minutes(30));

        switch (expected) {
            case "APPLIED" :
                WorkflowState after = WorkflowFixtures.applied(decision).newState();
                StepState settled = kind == CommandKind.COMPLETE_STEP ? StepState.DONE : StepState.SKIPPED;
                assertThat(after.step(step).state()).isEqualTo(settled);
                assertThat(after.step(step).completedBy()).isEqualTo(WorkflowFixtures.ALICE);
                assertThat(after.step(step).completedAt()).isEqualTo(minutes(30));
                assertThat(after.currentStep()).isEqualTo(step.next().orElse(null));
                break;
            case "NO_CHANGE" :
                assertThat(decision).isInstanceOf(Decision.NoChange.class);
                assertThat(((Decision.NoChange) decision).why()).contains(step.wireName());
                break;
            default :
                assertThat(decision).isInstanceOf(Decision.Rejected.class);
                assertThat(((Decision.Rejected) decision).reason()).contains(step.wireName());
        }
    }

    @Test
    void everyStepStateHasAGateForBothStepCommands() {
        for (StepState state : StepState.values()) {
            assertThat(TransitionTable.forStep(state, CommandKind.COMPLETE_STEP)).isNotNull();
            assertThat(TransitionTable.forStep(state, CommandKind.SKIP_STEP)).isNotNull();
        }
    }

    @Test
    void pendingStepNamesTheStepToFinishFirst() {
        WorkflowState state = activeAt(Severity.WARNING, ResponseStep.IMMEDIATE_RESPONSE);

        Decision decision = WORKFLOW.decide(state, complete(ResponseStep.ROOT_CAUSE_ANALYSIS), minutes(5));

        assertThat(decision).isEqualTo(new Decision.Rejected(
                "step root_cause_analysis is pending: complete immediate_response first"));
    }

    /** A warning incident in which {@code step} is in {@code stepState}, reached through real commands. */
    private static WorkflowState withStepIn(ResponseStep step, StepState stepState) {
        switch (stepState) {
            case PENDING :
                return fresh(Severity.WARNING);
            case ACTIVE :
                return activeAt(Severity.WARNING, step);
            case DONE :
                return apply(activeAt(Severity.WARNING, step), complete(step));
            default :
                return apply(activeAt(Severity.WARNING, step), skip(step));
        }
    }
}
