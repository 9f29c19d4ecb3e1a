package dev.firebreak.classify;

import static dev.firebreak.classify.TestAlert.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.Alert;

/**
 * Reason placeholders are filled from the alert and the match evidence; the sentence stays one bounded line.
 */
class ReasonTemplateTest {
    private static final Alert CPU = SampleAlerts.gceCpuDocsExample()
            .policyLabel("team", "platform")
            .severity("Error")
            .build();

    static Stream<Arguments> placeholders() {
        return Stream.of(
                fill("{label.team}", "platform"),
                fill("{label.absent}", "(none)"),
                fill("{resource.label.zone}", "us-central1-c"),
                fill("{metric.label.instance_name}", "the name of the VM instance"),
                fill("{sourceSeverity}", "Error"),
                fill("{severityRaw}", "Error"),
                fill("{severity}", "warning"),
                fill("{resourceType}", "gce_instance"),
                fill("{resourceTypeDisplayName}", "VM Instance"),
                fill("{resourceDisplayName}", "gke-cluster-1-default-pool-e2df4cbd-dgp3"),
                fill("{metricType}", "compute.googleapis.com/instance/cpu/utilization"),
                fill("{metricDisplayName}", "CPU utilization"),
                fill("{policyName}", "Monitor-Project-Cluster"),
                fill("{conditionName}", "VM Instance - CPU utilization [MAX]"),
                fill("{conditionKind}", "METRIC_THRESHOLD"),
                fill("{observedValue}", "0.835"),
                fill("{thresholdValue}", "0.9"),
                fill("{projectId}", "internal-project"),
                fill("{matched}", "VM Instance - CPU utilization [MAX]"),
                fill("{matchedInput}", "condition name"),
                fill("{matched.conditionName}", "VM Instance - CPU utilization [MAX]"),
                fill("{matched.resourceTypes}", "gce_instance"),
                fill("{matched.summary}", "(none)"),
                fill("{matched.observedValue}", "0.835"),
                fill("{ matched }", "VM Instance - CPU utilization [MAX]"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("placeholders")
    void fillsPlaceholder(String placeholder, String expected) {
        Classifier classifier = classifierWith("reason: 'x=" + placeholder + "'",
                "match: {conditionName: 'cpu', resourceTypes: gce_instance, observedValue: '< 1'}");

        Classification classification = classifier.classify(CPU);

        assertThat(classification.reason()).isEqualTo("warning: x=" + expected);
    }

    @Test
    void longSummaryShowsOnlyTheMatchedPart() {
        Classifier classifier = classifierWith("reason: 'saw {matched} in {matchedInput}'",
                "match: {summary: 'returned to normal'}");

        Classification classification = classifier.classify(CPU);

        assertThat(classification.reason()).isEqualTo("warning: saw returned to normal in summary");
    }

    @Test
    void labelEvidenceReadsAsKeyValue() {
        Classifier classifier = classifierWith("reason: 'labelled {matched}'",
                "match: {policyLabels: {team: [platform, infra], user-label-1: '*'}}");

        Classification classification = classifier.classify(CPU);

        assertThat(classification.reason())
                .isEqualTo("warning: labelled team=platform, user-label-1=important label");
    }

    @Test
    void reasonIsOneBoundedLineEvenWithHugeMultiLineValues() {
        String hugePolicyName = "line one\nline\ttwo " + "x".repeat(1_000);
        Classifier classifier = classifierWith("reason: '{summary} / {policyName} / {policyName} / {policyName}"
                + " / {policyName} / {policyName}'", "match: {policyName: 'line'}");

        Classification classification = classifier.classify(alert().policy(hugePolicyName).summary("a\r\nb").build());

        assertThat(classification.reason()).startsWith("warning: a b / line one line two xxx")
                .doesNotContain("\n")
                .doesNotContain("\t")
                .hasSizeLessThanOrEqualTo(ReasonTemplate.MAX_REASON_LENGTH)
                .endsWith("…");
    }

    private static Arguments fill(String placeholder, String expected) {
        return Arguments.of(placeholder, expected);
    }

    private static Classifier classifierWith(String reasonLine, String matchLine) {
        String yaml = "rules:\n  - id: probe\n    severity: warning\n    " + reasonLine + "\n    " + matchLine + "\n";
        return new Classifier(ClassificationCatalog.parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "probe.yaml"));
    }
}
