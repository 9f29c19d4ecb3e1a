package dev.firebreak.incident.workflow;

import static dev.firebreak.incident.workflow.WorkflowFixtures.ALICE;
import static dev.firebreak.incident.workflow.WorkflowFixtures.WORKFLOW;
import static dev.firebreak.incident.workflow.WorkflowFixtures.applied;
import static dev.firebreak.incident.workflow.WorkflowFixtures.apply;
import static dev.firebreak.incident.workflow.WorkflowFixtures.fresh;
import static dev.firebreak.incident.workflow.WorkflowFixtures.minutes;
import static dev.firebreak.incident.workflow.WorkflowFixtures.skip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.WorkflowCommand.Acknowledge;
import dev.firebreak.incident.workflow.WorkflowCommand.AddNote;
import dev.firebreak.incident.workflow.WorkflowCommand.Reopen;
import dev.firebreak.incident.workflow.WorkflowCommand.Resolve;

/**
 * The auto-resolve predicate and the system actor's resolve/reopen commands.
 */
class AutoResolveTest {

    private static final String SYSTEM = WorkflowCommand.SYSTEM_ACTOR;

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({
            "CRITICAL, nothing,             false",
            "WARNING,  nothing,             true",
            "INFO,     nothing,             true",
            "WARNING,  acknowledge,         false",
            "INFO,     human note,          false",
            "INFO,     system note,         true",
            "WARNING,  human skip,          false",
            "WARNING,  human resolve,       false",
            "INFO,     system resolve,      false",
            "INFO,     auto-resolve+re-fire, true",
            "CRITICAL, auto-resolve+re-fire, false",
            "WARNING,  human reopen,        false",
    })
    void predicateFollowsSeverityAndHumanActivity(Severity severity, String history, boolean expected) {
        WorkflowState state = history(history).apply(fresh(severity));

        assertThat(WORKFLOW.canAutoResolve(state)).isEqualTo(expected);
        Decision decision = WORKFLOW.decide(state, Resolve.bySystem("alert cleared"), minutes(30));
        if (expected) {
            assertThat(decision).isInstanceOf(Decision.Applied.class);
        } else {
            assertThat(decision).isNotInstanceOf(Decision.Applied.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Severity.class, names = {"WARNING", "INFO"})
    void systemResolveOfAnUntouchedIncidentIsAnAutoResolveWithoutAcknowledgement(Severity severity) {
        Decision.Applied decision = applied(
                WORKFLOW.decide(fresh(severity), Resolve.bySystem(null), minutes(12)));

        WorkflowState after = decision.newState();
        assertThat(after.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(after.acknowledgedAt()).as("auto-resolve must not count as an acknowledgement").isNull();
        assertThat(after.humanTouched()).isFalse();
        assertThat(after.step(ResponseStep.ASSESS_IMPACT).note()).isEqualTo("auto-resolved: the source alert cleared");
        assertThat(after.step(ResponseStep.RESOLUTION).completedBy()).isEqualTo(SYSTEM);
        assertThat(decision.events()).containsExactly(new WorkflowEvent(WorkflowEventType.AUTO_RESOLVED, SYSTEM,
                "auto-resolved: the source alert cleared"
                        + " (skipped assess_impact, immediate_response, root_cause_analysis)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "CRITICAL, nothing,     critical incidents never auto-resolve",
            "WARNING,  acknowledge, incident was acknowledged: a person must resolve it",
            "INFO,     human note,  a person has acted on this incident: a person must resolve it",
    })
    void systemResolveIsRejectedWithTheReason(Severity severity, String history, String reason) {
        WorkflowState state = history(history).apply(fresh(severity));

        assertThat(WORKFLOW.decide(state, Resolve.bySystem(null), minutes(30)))
                .isEqualTo(new Decision.Rejected(reason));
    }

    @ParameterizedTest
    @EnumSource(value = CommandKind.class, names = {"ACKNOWLEDGE", "COMPLETE_STEP", "SKIP_STEP", "CLOSE"})
    void systemMayNotActLikeAPerson(CommandKind kind) {
        WorkflowState state = fresh(Severity.INFO);
        WorkflowCommand command = switch (kind) {
            case ACKNOWLEDGE -> new Acknowledge(SYSTEM);
            case COMPLETE_STEP -> new WorkflowCommand.CompleteStep(ResponseStep.ASSESS_IMPACT, SYSTEM, null);
            case SKIP_STEP -> new WorkflowCommand.SkipStep(ResponseStep.ASSESS_IMPACT, SYSTEM, "x");
            default -> new WorkflowCommand.Close(SYSTEM);
        };

        Decision decision = WORKFLOW.decide(state, command, minutes(1));

        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        assertThat(((Decision.Rejected) decision).reason()).startsWith("the system actor cannot");
    }

    private static UnaryOperator<WorkflowState> history(String name) {
        switch (name) {
            case "acknowledge" :
                return s -> apply(s, new Acknowledge(ALICE));
            case "human note" :
                return s -> apply(s, new AddNote(ALICE, "looking"));
            case "system note" :
                return s -> apply(s, new AddNote(SYSTEM, "alert fired again"));
            case "human skip" :
                return s -> apply(s, skip(ResponseStep.ASSESS_IMPACT));
            case "human resolve" :
                return s -> apply(s, new Resolve(ALICE, null));
            case "system resolve" :
                return s -> apply(s, Resolve.bySystem(null));
            case "auto-resolve+re-fire" :
                return s -> WORKFLOW.canAutoResolve(s)
                        ? apply(apply(s, Resolve.bySystem(null)), new Reopen(SYSTEM, "alert fired again"))
                        : s;
            case "human reopen" :
                return s -> apply(apply(s, Resolve.bySystem(null)), new Reopen(ALICE, "not fixed"));
            default :
                return UnaryOperator.identity();
        }
    }
}
