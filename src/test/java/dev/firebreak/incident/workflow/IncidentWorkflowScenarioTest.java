package dev.firebreak.incident.workflow;

import static dev.firebreak.incident.workflow.WorkflowFixtures.ALICE;
import static dev.firebreak.incident.workflow.WorkflowFixtures.T0;
import static dev.firebreak.incident.workflow.WorkflowFixtures.WORKFLOW;
import static dev.firebreak.incident.workflow.WorkflowFixtures.activeAt;
import static dev.firebreak.incident.workflow.WorkflowFixtures.applied;
import static dev.firebreak.incident.workflow.WorkflowFixtures.apply;
import static dev.firebreak.incident.workflow.WorkflowFixtures.complete;
import static dev.firebreak.incident.workflow.WorkflowFixtures.fresh;
import static dev.firebreak.incident.workflow.WorkflowFixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.WorkflowCommand.Acknowledge;
import dev.firebreak.incident.workflow.WorkflowCommand.AddNote;
import dev.firebreak.incident.workflow.WorkflowCommand.Close;
import dev.firebreak.incident.workflow.WorkflowCommand.CompleteStep;
import dev.firebreak.incident.workflow.WorkflowCommand.Reopen;
import dev.firebreak.incident.workflow.WorkflowCommand.Resolve;
import dev.firebreak.incident.workflow.WorkflowCommand.SkipStep;

/**
 * End-to-end stories through the workflow: happy path, skips, direct resolve, reopen, closing rules and MTTA.
 */
class IncidentWorkflowScenarioTest {

    @Test
    void happyPathWalksEveryStepToClosedWithOneEventPerFact() {
        List<WorkflowEvent> events = new ArrayList<>();
        WorkflowState state = fresh(Severity.CRITICAL);
        assertThat(state.currentStep()).isEqualTo(ResponseStep.ASSESS_IMPACT);
        assertThat(state.step(ResponseStep.ASSESS_IMPACT).startedAt()).isEqualTo(T0);

        state = step(state, new Acknowledge("bob"), 4, events);
        state = step(state, new CompleteStep(ResponseStep.ASSESS_IMPACT, "bob", "checkout down in eu"), 10, events);
        state = step(state, new CompleteStep(ResponseStep.IMMEDIATE_RESPONSE, "bob", "rolled back to v41"), 20,
                events);
        state = step(state, new CompleteStep(ResponseStep.ROOT_CAUSE_ANALYSIS, "bob", "bad config"), 40, events);
        assertThat(state.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        state = step(state, new CompleteStep(ResponseStep.RESOLUTION, "bob", "config fixed"), 50, events);
        assertThat(state.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(state.resolvedAt()).isEqualTo(minutes(50));
        assertThat(state.currentStep()).isEqualTo(ResponseStep.POST_INCIDENT_REVIEW);
        state = step(state, new CompleteStep(ResponseStep.POST_INCIDENT_REVIEW, "carol", "doc linked"), 600, events);

        assertThat(state.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(state.closedAt()).isEqualTo(minutes(600));
        assertThat(state.currentStep()).isNull();
        assertThat(state.steps()).extracting(StepProgress::state).containsOnly(StepState.DONE);
        assertThat(state.step(ResponseStep.IMMEDIATE_RESPONSE))
                .isEqualTo(new StepProgress(ResponseStep.IMMEDIATE_RESPONSE, StepState.DONE, minutes(10), minutes(20),
                        "bob", "rolled back to v41"));
        assertThat(events).extracting(WorkflowEvent::type, WorkflowEvent::actor, WorkflowEvent::detail)
                .containsExactly(
                        tuple(WorkflowEventType.ACKNOWLEDGED, "bob", "acknowledged"),
                        tuple(WorkflowEventType.STEP_COMPLETED, "bob", "completed assess_impact: checkout down in eu"),
                        tuple(WorkflowEventType.STEP_COMPLETED, "bob", "completed immediate_response: rolled back to v41"),
                        tuple(WorkflowEventType.STEP_COMPLETED, "bob", "completed root_cause_analysis: bad config"),
                        tuple(WorkflowEventType.STEP_COMPLETED, "bob", "completed resolution: config fixed"),
                        tuple(WorkflowEventType.RESOLVED, "bob", "resolved by completing resolution"),
                        tuple(WorkflowEventType.STEP_COMPLETED, "carol", "completed post_incident_review: doc linked"),
                        tuple(WorkflowEventType.CLOSED, "carol", "closed after post_incident_review"));
        assertThat(state.timeToAcknowledge()).contains(Duration.ofMinutes(4));
        assertThat(state.timeToResolve()).contains(Duration.ofMinutes(50));
    }

    @Test
    void skippingRecordsTheReasonAndActivatesTheNextStep() {
        WorkflowState state = activeAt(Severity.WARNING, ResponseStep.ROOT_CAUSE_ANALYSIS);

        Decision.Applied decision = applied(WORKFLOW.decide(state,
                new SkipStep(ResponseStep.ROOT_CAUSE_ANALYSIS, ALICE, "  known upstream outage  "), minutes(9)));

        StepProgress skipped = decision.newState().step(ResponseStep.ROOT_CAUSE_ANALYSIS);
        assertThat(skipped.state()).isEqualTo(StepState.SKIPPED);
        assertThat(skipped.note()).isEqualTo("known upstream outage");
        assertThat(skipped.completedBy()).isEqualTo(ALICE);
        assertThat(skipped.completedAt()).isEqualTo(minutes(9));
        assertThat(decision.newState().currentStep()).isEqualTo(ResponseStep.RESOLUTION);
        assertThat(decision.newState().step(ResponseStep.RESOLUTION).startedAt()).isEqualTo(minutes(9));
        assertThat(decision.events()).containsExactly(new WorkflowEvent(WorkflowEventType.STEP_SKIPPED, ALICE,
                "skipped root_cause_analysis: known upstream outage"));
    }

    @Test
    void skippingWithoutAReasonIsRejected() {
        Decision decision = WORKFLOW.decide(fresh(Severity.INFO),
                new SkipStep(ResponseStep.ASSESS_IMPACT, ALICE, " "), minutes(1));

        assertThat(decision).isEqualTo(new Decision.Rejected("a reason to skip is required"));
    }

    @Test
    void workingAStepOnAnOpenIncidentAcknowledgesIt() {
        Decision.Applied decision = applied(
                WORKFLOW.decide(fresh(Severity.WARNING), complete(ResponseStep.ASSESS_IMPACT), minutes(3)));

        assertThat(decision.newState().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(decision.newState().acknowledgedAt()).isEqualTo(minutes(3));
        assertThat(decision.newState().acknowledgedBy()).isEqualTo(ALICE);
        assertThat(decision.events()).extracting(WorkflowEvent::type)
                .containsExactly(WorkflowEventType.ACKNOWLEDGED, WorkflowEventType.STEP_COMPLETED);
        assertThat(decision.events().get(0).detail()).isEqualTo("acknowledged by completing assess_impact");
    }

    @Test
    void secondAcknowledgeIsNoChangeAndKeepsTheFirst() {
        WorkflowState acknowledged = applied(WORKFLOW.decide(fresh(Severity.CRITICAL), new Acknowledge("bob"),
                minutes(2))).newState();

        Decision again = WORKFLOW.decide(acknowledged, new Acknowledge("carol"), minutes(5));

        assertThat(again).isEqualTo(new Decision.NoChange("incident is already acknowledged"));
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("bob");
        assertThat(acknowledged.timeToAcknowledge()).contains(Duration.ofMinutes(2));
    }

    @Test
    void neverAcknowledgedHasNoMtta() {
        assertThat(fresh(Severity.INFO).timeToAcknowledge()).isEmpty();
        assertThat(fresh(Severity.INFO).timeToResolve()).isEmpty();
    }

    @Test
    void resolvingAnOpenIncidentDirectlyAcknowledgesSkipsEarlierStepsAndActivatesTheReview() {
        Decision.Applied decision = applied(WORKFLOW.decide(fresh(Severity.CRITICAL),
                new Resolve("dave", "restarted pods"), minutes(15)));

        WorkflowState after = decision.newState();
        assertThat(after.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(after.acknowledgedAt()).isEqualTo(minutes(15));
        assertThat(after.acknowledgedBy()).isEqualTo("dave");
        assertThat(after.resolvedAt()).isEqualTo(minutes(15));
        assertThat(after.steps()).extracting(StepProgress::step, StepProgress::state, StepProgress::note)
                .containsExactly(
                        tuple(ResponseStep.ASSESS_IMPACT, StepState.SKIPPED, "resolved directly"),
                        tuple(ResponseStep.IMMEDIATE_RESPONSE, StepState.SKIPPED, "resolved directly"),
                        tuple(ResponseStep.ROOT_CAUSE_ANALYSIS, StepState.SKIPPED, "resolved directly"),
                        tuple(ResponseStep.RESOLUTION, StepState.DONE, "restarted pods"),
                        tuple(ResponseStep.POST_INCIDENT_REVIEW, StepState.ACTIVE, null));
        assertThat(after.step(ResponseStep.POST_INCIDENT_REVIEW).startedAt()).isEqualTo(minutes(15));
        assertThat(decision.events()).extracting(WorkflowEvent::type, WorkflowEvent::detail)
                .containsExactly(
                        tuple(WorkflowEventType.ACKNOWLEDGED, "acknowledged by resolving"),
                        tuple(WorkflowEventType.RESOLVED, "resolved directly: restarted pods"
                                + " (skipped assess_impact, immediate_response, root_cause_analysis)"));
    }

    @Test
    void resolvingDirectlyKeepsDoneStepsAndTheEarlierAcknowledgement() {
        WorkflowState working = activeAt(Severity.WARNING, ResponseStep.IMMEDIATE_RESPONSE);

        Decision.Applied decision = applied(WORKFLOW.decide(working, new Resolve("dave", null), minutes(20)));

        WorkflowState after = decision.newState();
        assertThat(after.acknowledgedBy()).isEqualTo(ALICE);
        assertThat(after.step(ResponseStep.ASSESS_IMPACT)).isEqualTo(working.step(ResponseStep.ASSESS_IMPACT));
        assertThat(after.step(ResponseStep.IMMEDIATE_RESPONSE).state()).isEqualTo(StepState.SKIPPED);
        assertThat(after.step(ResponseStep.RESOLUTION).note()).isEqualTo("resolved directly");
        assertThat(after.step(ResponseStep.RESOLUTION).completedBy()).isEqualTo("dave");
        assertThat(decision.events()).containsExactly(new WorkflowEvent(WorkflowEventType.RESOLVED, "dave",
                "resolved directly (skipped immediate_response, root_cause_analysis)"));
    }

    @Test
    void criticalCannotCloseOrSkipReviewButClosesWhenReviewIsDone() {
        WorkflowState resolved = apply(fresh(Severity.CRITICAL), new Resolve(ALICE, "fixed"));

        assertThat(WORKFLOW.decide(resolved, new Close(ALICE), minutes(30))).isEqualTo(new Decision.Rejected(
                "a critical incident cannot close before post_incident_review is done: complete it first"));
        assertThat(WORKFLOW.decide(resolved, new SkipStep(ResponseStep.POST_INCIDENT_REVIEW, ALICE, "no time"),
                minutes(30))).isEqualTo(new Decision.Rejected(
                        "post_incident_review cannot be skipped on a critical incident"));

        WorkflowState closed = apply(resolved, complete(ResponseStep.POST_INCIDENT_REVIEW));
        assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(closed.step(ResponseStep.POST_INCIDENT_REVIEW).state()).isEqualTo(StepState.DONE);
    }

    @Test
    void infoClosesWithoutReviewAndRecordsTheSkip() {
        WorkflowState resolved = apply(fresh(Severity.INFO), new Resolve(ALICE, "maintenance over"));

        Decision.Applied decision = applied(WORKFLOW.decide(resolved, new Close(ALICE), minutes(30)));

        assertThat(decision.newState().status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(decision.newState().closedAt()).isEqualTo(minutes(30));
        assertThat(decision.newState().step(ResponseStep.POST_INCIDENT_REVIEW))
                .extracting(StepProgress::state, StepProgress::note)
                .containsExactly(StepState.SKIPPED, "closed without post-incident review");
        assertThat(decision.events()).containsExactly(new WorkflowEvent(WorkflowEventType.CLOSED, ALICE,
                "closed without post-incident review (info incident)"));
    }

    @Test
    void warningNeedsAnExplicitSkipWithReasonToCloseWithoutReview() {
        WorkflowState resolved = apply(fresh(Severity.WARNING), new Resolve(ALICE, "disk cleaned"));

        assertThat(WORKFLOW.decide(resolved, new Close(ALICE), minutes(30))).isInstanceOf(Decision.Rejected.class);
        Decision.Applied skipped = applied(WORKFLOW.decide(resolved,
                new SkipStep(ResponseStep.POST_INCIDENT_REVIEW, ALICE, "routine cleanup"), minutes(30)));

        assertThat(skipped.newState().status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(skipped.events()).extracting(WorkflowEvent::type)
                .containsExactly(WorkflowEventType.STEP_SKIPPED, WorkflowEventType.CLOSED);
    }

    @Test
    void reopenKeepsSettledStepsAndReactivatesResolution() {
        WorkflowState state = fresh(Severity.CRITICAL);
        for (ResponseStep step : ResponseStep.values()) {
            state = apply(state, complete(step));
        }
        assertThat(state.status()).isEqualTo(IncidentStatus.CLOSED);

        Decision.Applied decision = applied(WORKFLOW.decide(state, new Reopen("bob", "errors are back"),
                minutes(90)));

        WorkflowState reopened = decision.newState();
        assertThat(reopened.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.acknowledgedBy()).isEqualTo(ALICE);
        assertThat(reopened.steps().subList(0, 3)).isEqualTo(state.steps().subList(0, 3));
        assertThat(reopened.step(ResponseStep.RESOLUTION))
                .isEqualTo(StepProgress.active(ResponseStep.RESOLUTION, minutes(90)));
        assertThat(reopened.step(ResponseStep.POST_INCIDENT_REVIEW))
                .isEqualTo(StepProgress.pending(ResponseStep.POST_INCIDENT_REVIEW));
        assertThat(decision.events()).containsExactly(new WorkflowEvent(WorkflowEventType.REOPENED, "bob",
                "reopened: errors are back; resolution is active again"));
    }

    @Test
    void reopenAfterDirectResolveKeepsTheSkippedStepsAndCanBeResolvedAgain() {
        WorkflowState resolved = apply(fresh(Severity.WARNING), new Resolve(ALICE, "restart"));

        WorkflowState reopened = apply(resolved, new Reopen(ALICE, null));
        assertThat(reopened.currentStep()).isEqualTo(ResponseStep.RESOLUTION);
        assertThat(reopened.step(ResponseStep.ASSESS_IMPACT).state()).isEqualTo(StepState.SKIPPED);

        Decision again = WORKFLOW.decide(reopened, new Acknowledge("bob"), minutes(70));
        WorkflowState reacknowledged = applied(again).newState();
        assertThat(reacknowledged.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(reacknowledged.acknowledgedBy()).as("first acknowledgement is kept for MTTA").isEqualTo(ALICE);

        WorkflowState resolvedAgain = apply(reacknowledged, complete(ResponseStep.RESOLUTION));
        assertThat(resolvedAgain.status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void addingANoteChangesOnlyHumanTouchedAndEmitsTheText() {
        WorkflowState state = fresh(Severity.INFO);

        Decision.Applied decision = applied(WORKFLOW.decide(state, new AddNote(ALICE, " paged the db team "),
                minutes(2)));

        assertThat(decision.newState()).isEqualTo(state.withHumanTouched(true));
        assertThat(decision.events()).containsExactly(
                new WorkflowEvent(WorkflowEventType.NOTE_ADDED, ALICE, "paged the db team"));
    }

    @Test
    void decideNeverMutatesTheGivenState() {
        WorkflowState state = activeAt(Severity.CRITICAL, ResponseStep.RESOLUTION);
        WorkflowState copy = new WorkflowState(state.status(), state.severity(), new ArrayList<>(state.steps()),
                state.openedAt(), state.acknowledgedAt(), state.acknowledgedBy(), state.resolvedAt(),
                state.closedAt(), state.humanTouched());

        WORKFLOW.decide(state, new Resolve(ALICE, "done"), minutes(99));

        assertThat(state).isEqualTo(copy);
        assertThat(state.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    /** Decides {@code command} at {@code minute}, collects the events and returns the new state. */
    private static WorkflowState step(WorkflowState state, WorkflowCommand command, long minute,
            List<WorkflowEvent> events) {
        Decision.Applied decision = applied(WORKFLOW.decide(state, command, minutes(minute)));
        events.addAll(decision.events());
        return decision.newState();
    }
}
