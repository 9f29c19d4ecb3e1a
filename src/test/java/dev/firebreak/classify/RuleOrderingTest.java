package dev.firebreak.classify;

import static dev.firebreak.classify.TestAlert.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.Severity;

/**
 * First match wins: labels beat policy severity, which beats heuristics; critical heuristics beat maintenance
 * notices, which beat generic warnings.
 */
class RuleOrderingTest {
    private static final Classifier CLASSIFIER = Classifier.builtIn();

    static Stream<Arguments> orderingCases() {
        return Stream.of(
                Arguments.of("label beats policy severity",
                        SampleAlerts.gceNetBytesCritical().policyLabel("severity", "low"),
                        Severity.INFO, "label-severity-info"),
                Arguments.of("firebreak_severity beats severity",
                        SampleAlerts.gceNetBytesCritical()
                                .policyLabel("severity", "p1")
                                .policyLabel("firebreak_severity", "info"),
                        Severity.INFO, "label-firebreak-severity-info"),
                Arguments.of("unknown label value falls through to policy severity",
                        SampleAlerts.gceNetBytesCritical().policyLabel("severity", "bogus"),
                        Severity.CRITICAL, "policy-severity-critical"),
                Arguments.of("label beats heuristics",
                        SampleAlerts.uptimeAgilicus().policyLabel("severity", "P3"),
                        Severity.WARNING, "label-severity-warning"),
                Arguments.of("policy severity beats heuristics",
                        SampleAlerts.uptimeAgilicus().severity("Warning"),
                        Severity.WARNING, "policy-severity-warning"),
                Arguments.of("no severity falls through to heuristics",
                        SampleAlerts.uptimeAgilicus().severity("No severity"),
                        Severity.CRITICAL, "uptime-check-failing"),
                Arguments.of("full disk beats generic disk warning",
                        diskPercentUsed("100"), Severity.CRITICAL, "data-loss-risk"),
                Arguments.of("disk below full stays a warning",
                        diskPercentUsed("99.5"), Severity.WARNING, "disk-pressure"),
                Arguments.of("crash loop beats upgrade notice",
                        alert().policy("Pods crash-looping after node upgrade")
                                .condition("restarts")
                                .metric("kubernetes.io/container/restart_count", "Restart count"),
                        Severity.CRITICAL, "pod-crash-looping"),
                Arguments.of("maintenance notice beats CPU warning",
                        SampleAlerts.gceCpuDocsExample().policy("Scheduled maintenance window: batch hosts"),
                        Severity.INFO, "planned-maintenance"),
                Arguments.of("Cloud SQL maintenance beats disk warning",
                        alert().policy("orders-db maintenance")
                                .condition("Disk utilization")
                                .resource("cloudsql_database", "database_id", "p:orders-db")
                                .metric("cloudsql.googleapis.com/database/disk/utilization", "Disk utilization")
                                .observed("0.7"),
                        Severity.INFO, "cloudsql-maintenance"),
                Arguments.of("Cloud SQL unavailable during maintenance is not an outage",
                        alert().policy("orders-db notices")
                                .condition("notice")
                                .resource("cloudsql_database", "database_id", "p:orders-db")
                                .summary("orders-db will be unavailable for up to 60s during maintenance."),
                        Severity.INFO, "cloudsql-maintenance"),
                Arguments.of("a failed upgrade is not downgraded to info",
                        alert().policy("GKE upgrade failed")
                                .condition("upgrade events")
                                .logFilter(
                                        "jsonPayload.\"@type\"=\"type.googleapis.com/google.container.v1beta1.UpgradeEvent\""),
                        Severity.WARNING, Classification.DEFAULT_RULE_ID),
                Arguments.of("a failed deployment is not downgraded to info",
                        alert().policy("Production deploy failed")
                                .condition("deploy log")
                                .logFilter("resource.type=\"build\" jsonPayload.status=\"FAILURE\""),
                        Severity.WARNING, Classification.DEFAULT_RULE_ID),
                Arguments.of("a Deployment metric alert is not a change notice",
                        alert().policy("Deployment replicas unavailable")
                                .condition("available replicas")
                                .metric("kubernetes.io/deployment/available_replicas", "Available replicas")
                                .observed("1"),
                        Severity.WARNING, Classification.DEFAULT_RULE_ID),
                Arguments.of("up metric still at 1 is not down",
                        alert().policy("scrape").metric("prometheus.googleapis.com/up/gauge", "up").observed("1"),
                        Severity.WARNING, Classification.DEFAULT_RULE_ID),
                Arguments.of("non-numeric observed value never matches a comparison",
                        alert().policy("scrape")
                                .metric("prometheus.googleapis.com/up/gauge", "up")
                                .observed("Incident cancelled because the alert policy condition was deleted or "
                                        + "modified while incident was active."),
                        Severity.WARNING, Classification.DEFAULT_RULE_ID),
                Arguments.of("label words inside a resource name do not make a change notice",
                        alert().policy("container errors")
                                .condition("log match")
                                .logFilter("resource.type=\"k8s_container\" severity>=ERROR")
                                .summary("Log match condition fired for Kubernetes Container with "
                                        + "{container_name=upgrade-operator}."),
                        Severity.WARNING, Classification.DEFAULT_RULE_ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderingCases")
    void firstMatchingRuleDecides(String name, TestAlert alert, Severity severity, String ruleId) {
        Classification classification = CLASSIFIER.classify(alert.build());

        assertThat(classification.ruleId()).isEqualTo(ruleId);
        assertThat(classification.severity()).isEqualTo(severity);
        assertThat(classification.reason()).startsWith(severity.wireName() + ": ");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource({
            "severity, critical, CRITICAL", "severity, CRITICAL, CRITICAL", "severity, p0, CRITICAL",
            "severity, P1, CRITICAL", "severity, sev0, CRITICAL", "severity, SEV1, CRITICAL",
            "severity, high, CRITICAL", "severity, page, CRITICAL", "severity, Urgent, CRITICAL",
            "severity, warning, WARNING", "severity, warn, WARNING", "severity, p2, WARNING",
            "severity, p3, WARNING", "severity, sev2, WARNING", "severity, sev3, WARNING",
            "severity, medium, WARNING", "severity, Moderate, WARNING",
            "severity, info, INFO", "severity, informational, INFO", "severity, notice, INFO",
            "severity, p4, INFO", "severity, p5, INFO", "severity, sev4, INFO", "severity, sev5, INFO",
            "severity, LOW, INFO",
            "firebreak_severity, critical, CRITICAL", "firebreak_severity, p1, CRITICAL",
            "firebreak_severity, Page, CRITICAL", "firebreak_severity, warning, WARNING",
            "firebreak_severity, sev2, WARNING", "firebreak_severity, info, INFO",
            "firebreak_severity, p5, INFO", "firebreak_severity, informational, INFO"
    })
    void severityLabelSynonyms(String key, String value, Severity expected) {
        // No policy severity, so only the label can decide before the heuristics.
        Alert alert = SampleAlerts.gceNetBytesCritical().severity(null).policyLabel(key, value).build();

        Classification classification = CLASSIFIER.classify(alert);

        assertThat(classification.severity()).isEqualTo(expected);
        assertThat(classification.reason()).isEqualTo(expected.wireName() + ": policy label " + key + "=" + value);
        assertThat(classification.ruleId()).isEqualTo("label-" + key.replace('_', '-') + "-"
                + expected.wireName());
    }

    @Test
    void classificationIsDeterministicAcrossThreads() {
        List<Alert> alerts = List.of(SampleAlerts.gceCpuDocsExample().build(),
                SampleAlerts.gceNetBytesCritical().build(), SampleAlerts.uptimeAgilicus().build(),
                SampleAlerts.testNotification().build(), diskPercentUsed("100").build());
        List<Classification> sequential = alerts.stream().map(CLASSIFIER::classify).toList();

        List<Classification> parallel = IntStream.range(0, 2_000)
                .parallel()
                .mapToObj(i -> CLASSIFIER.classify(alerts.get(i % alerts.size())))
                .toList();

        for (int i = 0; i < parallel.size(); i++) {
            assertThat(parallel.get(i)).isEqualTo(sequential.get(i % alerts.size()));
        }
    }

    private static TestAlert diskPercentUsed(String observed) {
        return alert().policy("VM disks")
                .condition("VM Instance - Disk utilization")
                .resource("gce_instance", "instance_id", "123")
                .metric("agent.googleapis.com/disk/percent_used", "Disk utilization", "device", "sda1")
                .threshold("90")
                .observed(observed);
    }
}
