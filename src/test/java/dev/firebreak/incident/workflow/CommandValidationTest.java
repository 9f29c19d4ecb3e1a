package dev.firebreak.incident.workflow;

import static dev.firebreak.incident.workflow.WorkflowFixtures.WORKFLOW;
import static dev.firebreak.incident.workflow.WorkflowFixtures.fresh;
import static dev.firebreak.incident.workflow.WorkflowFixtures.inStatus;
import static dev.firebreak.incident.workflow.WorkflowFixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.WorkflowCommand.Acknowledge;
import dev.firebreak.incident.workflow.WorkflowCommand.AddNote;
import dev.firebreak.incident.workflow.WorkflowCommand.Close;
import dev.firebreak.incident.workflow.WorkflowCommand.CompleteStep;
import dev.firebreak.incident.workflow.WorkflowCommand.Reopen;
import dev.firebreak.incident.workflow.WorkflowCommand.Resolve;
import dev.firebreak.incident.workflow.WorkflowCommand.SkipStep;

/**
 * Malformed commands are rejected with a reason before the state is looked at.
 */
class CommandValidationTest {

    private static final String TOO_LONG = "x".repeat(IncidentWorkflow.MAX_TEXT_LENGTH + 1);
    private static final String LONGEST = "x".repeat(IncidentWorkflow.MAX_TEXT_LENGTH);

    static List<Function<String, WorkflowCommand>> commandsByActor() {
        return List.of(
                Acknowledge::new,
                actor -> new CompleteStep(ResponseStep.ASSESS_IMPACT, actor, null),
                actor -> new SkipStep(ResponseStep.ASSESS_IMPACT, actor, "reason"),
                actor -> new Resolve(actor, null),
                actor -> new Reopen(actor, null),
                Close::new,
                actor -> new AddNote(actor, "text"));
    }

    static Stream<Arguments> blankActors() {
        return commandsByActor().stream()
                .flatMap(make -> Stream.of(null, "", "   ").map(actor -> Arguments.of(make.apply(actor))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blankActors")
    void everyCommandNeedsAnActorEvenWhenItWouldBeANoChange(WorkflowCommand command) {
        for (IncidentStatus status : IncidentStatus.values()) {
            assertThat(WORKFLOW.decide(inStatus(Severity.INFO, status), command, minutes(1)))
                    .isEqualTo(new Decision.Rejected("actor is required"));
        }
    }

    static Stream<Arguments> oversizedTexts() {
        return Stream.of(
                Arguments.of(new CompleteStep(ResponseStep.ASSESS_IMPACT, "a", TOO_LONG), "note is too long"),
                Arguments.of(new SkipStep(ResponseStep.ASSESS_IMPACT, "a", TOO_LONG), "a reason to skip is too long"),
                Arguments.of(new Resolve("a", TOO_LONG), "note is too long"),
                Arguments.of(new Reopen("a", TOO_LONG), "reason is too long"),
                Arguments.of(new AddNote("a", TOO_LONG), "note text is too long"),
                Arguments.of(new Acknowledge("a".repeat(IncidentWorkflow.MAX_ACTOR_LENGTH + 1)), "actor is too long"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("oversizedTexts")
    void oversizedTextIsRejectedWithItsLength(WorkflowCommand command, String reasonStart) {
        Decision decision = WORKFLOW.decide(fresh(Severity.WARNING), command, minutes(1));

        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        assertThat(((Decision.Rejected) decision).reason()).startsWith(reasonStart).contains("at most");
    }

    @Test
    void textAtTheLimitIsAccepted() {
        Decision decision = WORKFLOW.decide(fresh(Severity.WARNING), new AddNote("a", LONGEST), minutes(1));

        assertThat(decision).isInstanceOf(Decision.Applied.class);
        assertThat(((Decision.Applied) decision).events().get(0).detail()).hasSize(IncidentWorkflow.MAX_TEXT_LENGTH);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " \t "})
    void skipAndNoteNeedText(String text) {
        WorkflowState state = fresh(Severity.WARNING);

        assertThat(WORKFLOW.decide(state, new SkipStep(ResponseStep.ASSESS_IMPACT, "a", text), minutes(1)))
                .isEqualTo(new Decision.Rejected("a reason to skip is required"));
        assertThat(WORKFLOW.decide(state, new AddNote("a", text), minutes(1)))
                .isEqualTo(new Decision.Rejected("note text is required"));
    }

    @Test
    void stepCommandsNeedAStep() {
        WorkflowState state = fresh(Severity.WARNING);

        assertThat(WORKFLOW.decide(state, new CompleteStep(null, "a", null), minutes(1)))
                .isEqualTo(new Decision.Rejected("step is required"));
        assertThat(WORKFLOW.decide(state, new SkipStep(null, "a", "why"), minutes(1)))
                .isEqualTo(new Decision.Rejected("step is required"));
    }
}
