package dev.firebreak.incident.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The status and step graphs as declared, and the wire names of every workflow enum.
 */
class WorkflowEnumsTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "OPEN,         OPEN,         false",
            "OPEN,         ACKNOWLEDGED, true",
            "OPEN,         RESOLVED,     true",
            "OPEN,         CLOSED,       false",
            "ACKNOWLEDGED, OPEN,         false",
            "ACKNOWLEDGED, ACKNOWLEDGED, false",
            "ACKNOWLEDGED, RESOLVED,     true",
            "ACKNOWLEDGED, CLOSED,       false",
            "RESOLVED,     OPEN,         true",
            "RESOLVED,     ACKNOWLEDGED, false",
            "RESOLVED,     RESOLVED,     false",
            "RESOLVED,     CLOSED,       true",
            "CLOSED,       OPEN,         true",
            "CLOSED,       ACKNOWLEDGED, false",
            "CLOSED,       RESOLVED,     false",
            "CLOSED,       CLOSED,       false",
    })
    void statusGraph(IncidentStatus from, IncidentStatus to, boolean allowed) {
        assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
        assertThat(from.allowedTargets().contains(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "PENDING, PENDING, false",
            "PENDING, ACTIVE,  true",
            "PENDING, DONE,    true",
            "PENDING, SKIPPED, true",
            "ACTIVE,  PENDING, true",
            "ACTIVE,  ACTIVE,  false",
            "ACTIVE,  DONE,    true",
            "ACTIVE,  SKIPPED, true",
            "DONE,    PENDING, true",
            "DONE,    ACTIVE,  true",
            "DONE,    DONE,    false",
            "DONE,    SKIPPED, false",
            "SKIPPED, PENDING, true",
            "SKIPPED, ACTIVE,  false",
            "SKIPPED, DONE,    false",
            "SKIPPED, SKIPPED, false",
    })
    void stepGraph(StepState from, StepState to, boolean allowed) {
        assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
    }

    @Test
    void onlyDoneAndSkippedAreSettled() {
        assertThat(Stream.of(StepState.values()).filter(StepState::isSettled))
                .containsExactly(StepState.DONE, StepState.SKIPPED);
    }

    static Stream<Arguments> wireNames() {
        return Stream.of(
                Arguments.of(IncidentStatus.ACKNOWLEDGED, "acknowledged", wire(IncidentStatus::fromWire)),
                Arguments.of(IncidentStatus.OPEN, "open", wire(IncidentStatus::fromWire)),
                Arguments.of(StepState.SKIPPED, "skipped", wire(StepState::fromWire)),
                Arguments.of(StepState.ACTIVE, "active", wire(StepState::fromWire)),
                Arguments.of(WorkflowEventType.STEP_COMPLETED, "step_completed", wire(WorkflowEventType::fromWire)),
                Arguments.of(WorkflowEventType.AUTO_RESOLVED, "auto_resolved", wire(WorkflowEventType::fromWire)),
                Arguments.of(WorkflowEventType.NOTE_ADDED, "note_added", wire(WorkflowEventType::fromWire)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wireNames")
    void wireNamesRoundTrip(Enum<?> value, String wireName, Function<String, Object> parse) {
        assertThat(parse.apply(wireName)).isEqualTo(value);
        assertThat(parse.apply(" " + wireName.toUpperCase() + " ")).isEqualTo(value);
    }

    @Test
    void unknownOrMissingWireNamesParseToEmpty() {
        assertThat(IncidentStatus.fromWire("reopened")).isEmpty();
        assertThat(IncidentStatus.fromWire(null)).isEmpty();
        assertThat(StepState.fromWire("in_progress")).isEmpty();
        assertThat(WorkflowEventType.fromWire(null)).isEmpty();
    }

    @Test
    void everyEnumValueRoundTripsThroughItsWireName() {
        for (IncidentStatus status : IncidentStatus.values()) {
            assertThat(IncidentStatus.fromWire(status.wireName())).contains(status);
            assertThat(status.wireName()).isLowerCase();
        }
        for (StepState state : StepState.values()) {
            assertThat(StepState.fromWire(state.wireName())).contains(state);
        }
        for (WorkflowEventType type : WorkflowEventType.values()) {
            assertThat(WorkflowEventType.fromWire(type.wireName())).contains(type);
        }
    }

    private static <T> Function<String, Object> wire(Function<String, Optional<T>> parser) {
        return text -> parser.apply(text).orElse(null);
    }
}
