package dev.firebreak.classify;

import static dev.firebreak.classify.TestAlert.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.Alert;

/**
 * Incident titles: short, never empty, robust to missing fields, test payloads, non-ASCII and huge strings.
 */
class IncidentTitleTest {

    static Stream<Arguments> titles() {
        return Stream.of(
                title("docs example", SampleAlerts.gceCpuDocsExample(),
                        "Monitor-Project-Cluster: VM Instance - CPU utilization [MAX] on "
                                + "gke-cluster-1-default-pool-e2df4cbd-dgp3"),
                title("non-ASCII policy name", SampleAlerts.gceNetBytesCritical(),
                        "重启Gce: VM Instance - Sent bytes on asia-pay-template"),
                title("uptime without display name uses the host label", SampleAlerts.uptimeAgilicus(),
                        "api - noc - users: Uptime Health Check on api-noc-users on MYHOST"),
                title("console test notification", SampleAlerts.testNotification(),
                        "Test notification: Example condition on Example Resource"),
                title("legacy 1.1 without resource", SampleAlerts.legacyStackdriver(),
                        "Unused Bucket Objects: Bucket Usage"),
                title("condition equal to policy is said once",
                        alert().policy("Disk full").condition("disk FULL").resourceDisplayName("db-1"),
                        "Disk full on db-1"),
                title("no policy name", alert().condition("Restart count")
                        .resource("k8s_container",
                                "cluster_name", "prod", "pod_name", "cart-7d9c", "container_name", "cart"),
                        "Restart count on cart"),
                title("metric label names a VM", alert().policy("CPU")
                        .resource("gce_instance", "instance_id", "42")
                        .metric("compute.googleapis.com/instance/cpu/utilization", "CPU utilization",
                                "instance_name", "web-1"),
                        "CPU on web-1"),
                title("resource already named in the head is not repeated",
                        alert().policy("web-1 health").condition("CPU").resourceDisplayName("web-1"),
                        "web-1 health: CPU"),
                title("names missing: summary", alert().summary("CPU utilization for web-1 is above the threshold")
                        .resourceDisplayName("web-1"), "CPU utilization for web-1 is above the threshold"),
                title("names and summary missing: metric name",
                        alert().metric("custom.googleapis.com/queue_depth", "Queue depth"), "Queue depth alert"),
                title("everything missing: incident id", alert().incidentId("0.abc"), "Alert 0.abc"),
                title("whitespace and control characters collapse",
                        alert().policy("  multi\nline\tpolicy \u0007 ").condition("\r\ncond\n"), "multi line policy: cond"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("titles")
    void buildsTitle(String name, TestAlert alert, String expected) {
        assertThat(IncidentTitle.of(alert.build())).isEqualTo(expected);
    }

    @Test
    void longPartsAreTruncatedWithEllipsisAndTheWholeTitleFits() {
        Alert alert = alert().policy("P".repeat(500))
                .condition("C".repeat(500))
                .resourceDisplayName("R".repeat(500))
                .build();

        String title = IncidentTitle.of(alert);

        assertThat(title).hasSizeLessThanOrEqualTo(IncidentTitle.MAX_LENGTH);
        assertThat(title).startsWith("PPPP").contains("…: CCC").contains("… on RRR").endsWith("…");
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        Alert alert = alert().policy("🔥".repeat(300)).build();

        String title = IncidentTitle.of(alert);

        assertThat(title).hasSizeLessThanOrEqualTo(IncidentTitle.MAX_LENGTH).endsWith("…");
        String withoutEllipsis = title.substring(0, title.length() - 1);
        assertThat(withoutEllipsis.codePoints()).allMatch(cp -> cp == "🔥".codePointAt(0));
    }

    @Test
    void titleIsNeverEmpty() {
        Alert blank = alert().incidentId(" x ").policy(" ").condition("\n").summary("\t").build();

        assertThat(IncidentTitle.of(blank)).isEqualTo("Alert x");
    }

    private static Arguments title(String name, TestAlert alert, String expected) {
        return Arguments.of(name, alert, expected);
    }
}
