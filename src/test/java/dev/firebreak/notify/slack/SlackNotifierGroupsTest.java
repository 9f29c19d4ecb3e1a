package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.firebreak.notify.OutboxEvent;

/**
 * Which pending events share one thread reply: consecutive re-fires (renotified, joined, refired) coalesce, every other
 * event stands alone and breaks a burst.
 */
class SlackNotifierGroupsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "'';                                                          ''",
            "acknowledged;                                                1",
            "alert_renotified;                                            1",
            "alert_renotified alert_renotified alert_renotified;          123",
            "alert_joined alert_refired alert_renotified;                 123",
            "acknowledged step_completed note_added;                      1|2|3",
            "alert_renotified acknowledged alert_renotified;              1|2|3",
            "note_added alert_renotified alert_renotified;                1|23",
            "alert_renotified alert_renotified alert_cleared alert_refired; 12|3|4",
            "alert_cleared alert_refired alert_renotified resolved;       1|23|4"})
    void coalescesConsecutiveRefiresOnly(String kinds, String expected) {
        List<OutboxEvent> events = new ArrayList<>();
        String[] names = kinds.isBlank() ? new String[0] : kinds.trim().split("\\s+");
        for (int i = 0; i < names.length; i++) {
            events.add(new OutboxEvent(i + 1, names[i], Instant.EPOCH.plusSeconds(i), "cloud-monitoring", names[i], 0));
        }

        List<List<OutboxEvent>> groups = SlackNotifier.groups(events);

        String actual = groups.stream()
                .map(group -> group.stream().map(e -> Long.toString(e.outboxId())).collect(Collectors.joining()))
                .collect(Collectors.joining("|"));
        assertThat(actual).isEqualTo(expected.trim());
        assertThat(groups.stream().flatMap(List::stream).toList()).as("nothing lost, order kept").isEqualTo(events);
        assertThat(Arrays.stream(names).filter(n -> !SlackNotifier.BURST_EVENTS.contains(n)).count())
                .as("a non-burst event is always alone")
                .isEqualTo(groups.stream().filter(g -> !SlackNotifier.BURST_EVENTS.contains(g.get(0).kind())).count());
    }
}
