package dev.firebreak.incident.workflow;

import static dev.firebreak.incident.workflow.WorkflowFixtures.WORKFLOW;
import static dev.firebreak.incident.workflow.WorkflowFixtures.inStatus;
import static dev.firebreak.incident.workflow.WorkflowFixtures.minutes;
import static dev.firebreak.incident.workflow.WorkflowFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.Severity;

/**
 * Every (incident status × command kind) combination, for each severity, against the expected outcome table.
 */
class StatusCommandMatrixTest {

    /** status, command, critical, warning, info, status after (when applied). */
    private static final List<String> EXPECTED = List.of(
            "OPEN,         ACKNOWLEDGE,   APPLIED,   APPLIED,   APPLIED,   ACKNOWLEDGED",
            "OPEN,         COMPLETE_STEP, APPLIED,   APPLIED,   APPLIED,   ACKNOWLEDGED",
            "OPEN,         SKIP_STEP,     APPLIED,   APPLIED,   APPLIED,   ACKNOWLEDGED",
            "OPEN,         RESOLVE,       APPLIED,   APPLIED,   APPLIED,   RESOLVED",
            "OPEN,         REOPEN,        NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "OPEN,         CLOSE,         REJECTED,  REJECTED,  REJECTED,  -",
            "OPEN,         ADD_NOTE,      APPLIED,   APPLIED,   APPLIED,   OPEN",
            "ACKNOWLEDGED, ACKNOWLEDGE,   NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "ACKNOWLEDGED, COMPLETE_STEP, APPLIED,   APPLIED,   APPLIED,   ACKNOWLEDGED",
            "ACKNOWLEDGED, SKIP_STEP,     APPLIED,   APPLIED,   APPLIED,   ACKNOWLEDGED",
            "ACKNOWLEDGED, RESOLVE,       APPLIED,   APPLIED,   APPLIED,   RESOLVED",
            "ACKNOWLEDGED, REOPEN,        NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "ACKNOWLEDGED, CLOSE,         REJECTED,  REJECTED,  REJECTED,  -",
            "ACKNOWLEDGED, ADD_NOTE,      APPLIED,   APPLIED,   APPLIED,   ACKNOWLEDGED",
            "RESOLVED,     ACKNOWLEDGE,   NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "RESOLVED,     COMPLETE_STEP, APPLIED,   APPLIED,   APPLIED,   CLOSED",
            "RESOLVED,     SKIP_STEP,     REJECTED,  APPLIED,   APPLIED,   CLOSED",
            "RESOLVED,     RESOLVE,       NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "RESOLVED,     REOPEN,        APPLIED,   APPLIED,   APPLIED,   OPEN",
            "RESOLVED,     CLOSE,         REJECTED,  REJECTED,  APPLIED,   CLOSED",
            "RESOLVED,     ADD_NOTE,      APPLIED,   APPLIED,   APPLIED,   RESOLVED",
            "CLOSED,       ACKNOWLEDGE,   NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "CLOSED,       COMPLETE_STEP, NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "CLOSED,       SKIP_STEP,     REJECTED,  REJECTED,  REJECTED,  -",
            "CLOSED,       RESOLVE,       NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "CLOSED,       REOPEN,        APPLIED,   APPLIED,   APPLIED,   OPEN",
            "CLOSED,       CLOSE,         NO_CHANGE, NO_CHANGE, NO_CHANGE, -",
            "CLOSED,       ADD_NOTE,      APPLIED,   APPLIED,   APPLIED,   CLOSED");

    static Stream<Arguments> expectedOutcomes() {
        return EXPECTED.stream().map(row -> Arguments.of((Object[]) row.trim().split("\\s*,\\s*")));
    }

    @ParameterizedTest(name = "{0} + {1}: critical={2} warning={3} info={4} -> {5}")
    @MethodSource("expectedOutcomes")
    void outcomeFollowsTheTable(IncidentStatus status, CommandKind kind, String critical, String warning, String info,
            String statusAfter) {
        assertOutcome(Severity.CRITICAL, status, kind, critical, statusAfter);
        assertOutcome(Severity.WARNING, status, kind, warning, statusAfter);
        assertOutcome(Severity.INFO, status, kind, info, statusAfter);
    }

    @Test
    void everyStatusAndCommandHasAGateInTheMainTable() {
        for (IncidentStatus status : IncidentStatus.values()) {
            for (CommandKind kind : CommandKind.values()) {
                assertThat(TransitionTable.forStatus(status, kind)).as(status + "/" + kind).isNotNull();
            }
        }
    }

    @Test
    void theExpectedTableCoversEveryCombinationOnce() {
        Set<String> combinations = new HashSet<>();
        for (String row : EXPECTED) {
            String[] cells = row.trim().split("\\s*,\\s*");
            combinations.add(IncidentStatus.valueOf(cells[0]) + "/" + CommandKind.valueOf(cells[1]));
        }
        assertThat(EXPECTED).hasSize(IncidentStatus.values().length * CommandKind.values().length);
        assertThat(combinations).hasSameSizeAs(EXPECTED);
    }

    private static void assertOutcome(Severity severity, IncidentStatus status, CommandKind kind, String expected,
            String statusAfter) {
        WorkflowState state = inStatus(severity, status);
        assertThat(state.status()).isEqualTo(status);
        Decision decision = WORKFLOW.decide(state, sample(kind, state), minutes(30));
        String label = severity.wireName() + " " + status.wireName() + " + " + kind;
        switch (expected) {
            case "APPLIED" :
                assertThat(decision).as(label).isInstanceOf(Decision.Applied.class);
                Decision.Applied applied = (Decision.Applied) decision;
                assertThat(applied.events()).as(label).isNotEmpty();
                assertThat(applied.newState().status()).as(label).isEqualTo(IncidentStatus.valueOf(statusAfter));
                break;
            case "NO_CHANGE" :
                assertThat(decision).as(label).isInstanceOf(Decision.NoChange.class);
                assertThat(((Decision.NoChange) decision).why()).as(label).isNotBlank();
                break;
            default :
                assertThat(decision).as(label).isInstanceOf(Decision.Rejected.class);
                assertThat(((Decision.Rejected) decision).reason()).as(label).isNotBlank();
        }
    }
}
