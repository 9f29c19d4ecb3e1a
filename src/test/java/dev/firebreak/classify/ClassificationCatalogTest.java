package dev.firebreak.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.Severity;

/**
 * Loading, validating and merging catalogs.
 */
class ClassificationCatalogTest {
    private static final String SOURCE = "test.yaml";

    @Test
    void builtInCatalogStartsWithLabelsThenPolicySeverity() {
        List<String> ids = ClassificationCatalog.builtIn().rules().stream().map(ClassificationRule::id).toList();

        assertThat(ids).startsWith("label-firebreak-severity-critical", "label-firebreak-severity-warning",
                "label-firebreak-severity-info", "label-severity-critical", "label-severity-warning",
                "label-severity-info", "policy-severity-critical", "policy-severity-warning");
        assertThat(ids.indexOf("data-loss-risk")).isLessThan(ids.indexOf("cloudsql-maintenance"));
        assertThat(ids.indexOf("planned-maintenance")).isLessThan(ids.indexOf("disk-pressure"));
        assertThat(ClassificationCatalog.builtIn().rules()).allSatisfy(rule -> {
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.reason().text()).isNotBlank();
        });
    }

    @Test
    void userRulesComeFirstAndReplaceBuiltInsWithTheSameId() {
        ClassificationCatalog merged = ClassificationCatalog.builtIn().withUserRulesFirst(userCatalog());

        List<String> ids = merged.rules().stream().map(ClassificationRule::id).toList();
        assertThat(ids).startsWith("payments-team-pages", "cpu-pressure", "label-firebreak-severity-critical");
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).hasSize(ClassificationCatalog.builtIn().rules().size() + 1);
        assertThat(merged.defaultSeverity()).isEqualTo(Severity.WARNING);
        assertThat(merged.sourceName()).contains("user-rules.yaml").contains("classification-rules.yaml");
    }

    @Test
    void userRuleOverridesBuiltInDecisions() {
        Classifier classifier = new Classifier(ClassificationCatalog.builtIn().withUserRulesFirst(userCatalog()));

        Classification payments = classifier.classify(SampleAlerts.gceNetBytesCritical()
                .policyLabel("severity", "low")
                .policyLabel("team", "payments")
                .build());
        Classification cpu = classifier.classify(SampleAlerts.gceCpuDocsExample().build());

        assertThat(payments).isEqualTo(new Classification(Severity.CRITICAL,
                "critical: payments team policy (team=payments)", "payments-team-pages"));
        assertThat(cpu).isEqualTo(new Classification(Severity.INFO,
                "info: CPU alert, informational here (compute.googleapis.com/instance/cpu/utilization)",
                "cpu-pressure"));
    }

    @Test
    void userDefaultSeverityWinsOnlyWhenDeclared() {
        ClassificationCatalog strict = parse("defaultSeverity: critical\nrules: []\n");
        ClassificationCatalog silent = parse("rules: []\n");

        assertThat(ClassificationCatalog.builtIn().withUserRulesFirst(strict).defaultSeverity())
                .isEqualTo(Severity.CRITICAL);
        assertThat(ClassificationCatalog.builtIn().withUserRulesFirst(silent).defaultSeverity())
                .isEqualTo(Severity.WARNING);
        assertThat(new Classifier(strict).classify(SampleAlerts.legacyStackdriver().build()).reason())
                .isEqualTo("critical: no rule matched (default)");
    }

    @Test
    void loadsFromPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                rules:
                  - id: noisy-batch
                    severity: info
                    reason: 'batch jobs are noisy'
                    match:
                      resourceLabels: {namespace_name: [batch, etl]}
                """);

        ClassificationCatalog catalog = ClassificationCatalog.load(file);

        assertThat(catalog.rules()).extracting(ClassificationRule::id).containsExactly("noisy-batch");
        assertThat(catalog.sourceName()).isEqualTo(file.toString());
        assertThat(catalog.rules()
                .get(0)
                .match()
                .matches(TestAlert.alert()
                        .resource("k8s_container", "namespace_name", "ETL")
                        .build()))
                .isTrue();
    }

    @Test
    void missingFileFailsWithThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ClassificationCatalog.load(missing))
                .isInstanceOf(ClassificationCatalogException.class)
                .hasMessageStartingWith(missing + ": cannot read classification catalog");
    }

    static Stream<Arguments> invalidCatalogs() {
        return Stream.of(
                invalid("empty file", "", "the catalog is empty"),
                invalid("not a mapping", "- a\n- b\n", "the top level must be a mapping"),
                invalid("broken YAML", "rules: [\n", "not valid YAML (line"),
                invalid("duplicate YAML key", "rules: []\nrules: []\n", "not valid YAML"),
                invalid("rules missing", "defaultSeverity: warning\n", "'rules' is missing"),
                invalid("rules not a list", "rules: 3\n", "'rules' must be a list, found '3'"),
                invalid("unknown top-level key", "rule: []\n", "unknown top-level key 'rule'"),
                invalid("unsupported version", "version: 2\nrules: []\n", "unsupported version '2'"),
                invalid("info default", "defaultSeverity: info\nrules: []\n",
                        "defaultSeverity must be warning or critical"),
                invalid("unknown default", "defaultSeverity: loud\nrules: []\n",
                        "defaultSeverity must be warning or critical, found 'loud'"),
                invalid("rule not a mapping", "rules: [oops]\n", "rule #1: must be a mapping"),
                invalid("id missing", rules("severity: info\n    reason: r\n    match: {summary: x}"),
                        "rule #1: 'id' is missing"),
                invalid("bad id", rule("Bad Id", "severity: info", "reason: r", "match: {summary: x}"),
                        "rule #1: id 'Bad Id' must be"),
                invalid("duplicate id", "rules:\n" + item("a", "severity: info", "reason: r", "match: {summary: x}")
                        + item("a", "severity: info", "reason: r", "match: {summary: y}"),
                        "rule 'a' (#2): duplicate id, already used by rule #1"),
                invalid("unknown rule key", rule("a", "severty: info", "reason: r", "match: {summary: x}"),
                        "rule 'a' (#1): unknown key 'severty'"),
                invalid("severity missing", rule("a", "reason: r", "match: {summary: x}"),
                        "rule 'a' (#1): 'severity' is missing"),
                invalid("unknown severity", rule("a", "severity: severe", "reason: r", "match: {summary: x}"),
                        "rule 'a' (#1): severity must be critical, warning or info, found 'severe'"),
                invalid("reason missing", rule("a", "severity: info", "match: {summary: x}"),
                        "rule 'a' (#1): 'reason' is missing"),
                invalid("reason repeats severity", rule("a", "severity: info", "reason: 'info: x'",
                        "match: {summary: x}"), "rule 'a' (#1): reason must not start with a severity"),
                invalid("unknown placeholder", rule("a", "severity: info", "reason: 'x {labels.team}'",
                        "match: {summary: x}"), "rule 'a' (#1): reason: unknown placeholder {labels.team}"),
                invalid("unknown matched placeholder", rule("a", "severity: info", "reason: 'x {matched.foo}'",
                        "match: {summary: x}"), "rule 'a' (#1): reason: unknown placeholder {matched.foo}"),
                invalid("unclosed placeholder", rule("a", "severity: info", "reason: 'x {label.team'",
                        "match: {summary: x}"), "rule 'a' (#1): reason: '{' at position 2 is never closed"),
                invalid("match missing", rule("a", "severity: info", "reason: r"),
                        "rule 'a' (#1): 'match' is missing"),
                invalid("empty match", rule("a", "severity: info", "reason: r", "match: {}"),
                        "rule 'a' (#1): match: lists no conditions"),
                invalid("unknown condition", rule("a", "severity: info", "reason: r", "match: {summery: x}"),
                        "rule 'a' (#1): match.summery: unknown condition 'summery'"),
                invalid("invalid regex", rule("a", "severity: info", "reason: r", "match: {summary: '(x'}"),
                        "rule 'a' (#1): match.summary: invalid regular expression '(x': Unclosed group"),
                invalid("regex not text", rule("a", "severity: info", "reason: r", "match: {summary: [x]}"),
                        "rule 'a' (#1): match.summary: must be a non-empty regular expression"),
                invalid("unknown condition kind", rule("a", "severity: info", "reason: r",
                        "match: {conditionKinds: [LOGMATCH]}"),
                        "rule 'a' (#1): match.conditionKinds: unknown value 'LOGMATCH'; allowed: ["),
                invalid("unknown source severity", rule("a", "severity: info", "reason: r",
                        "match: {sourceSeverities: [FATAL]}"),
                        "rule 'a' (#1): match.sourceSeverities: unknown value 'FATAL'"),
                invalid("labels not a mapping", rule("a", "severity: info", "reason: r",
                        "match: {policyLabels: [team]}"), "rule 'a' (#1): match.policyLabels: must be a mapping"),
                invalid("label values empty", rule("a", "severity: info", "reason: r",
                        "match: {policyLabels: {team: []}}"),
                        "rule 'a' (#1): match.policyLabels.team: must be a value"),
                invalid("bad comparison", rule("a", "severity: info", "reason: r",
                        "match: {observedValue: 'about 3'}"),
                        "rule 'a' (#1): match.observedValue: 'about 3' is not a comparison"),
                invalid("anyOf not a list", rule("a", "severity: info", "reason: r",
                        "match: {anyOf: {summary: x}}"), "rule 'a' (#1): match.anyOf: must be a non-empty list"),
                invalid("nested error names its path", rule("a", "severity: info", "reason: r",
                        "match: {anyOf: [{summary: x}, {policyName: '[z'}]}"),
                        "rule 'a' (#1): match.anyOf[1].policyName: invalid regular expression '[z'"),
                invalid("not with an unknown condition", rule("a", "severity: info", "reason: r",
                        "match: {summary: x, not: {sumary: y}}"),
                        "rule 'a' (#1): match.not.sumary: unknown condition 'sumary'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCatalogs")
    void invalidCatalogFailsWithSourceRuleAndProblem(String name, String yaml, String expectedMessagePart) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ClassificationCatalogException.class)
                .hasMessageStartingWith(SOURCE + ": ")
                .hasMessageContaining(expectedMessagePart);
    }

    @Test
    void acceptsScalarsWhereListsAreExpectedAndStarForAnyLabelValue() {
        ClassificationCatalog catalog = parse(rule("owned", "severity: critical", "reason: 'owned by {label.team}'",
                "match: {resourceTypes: k8s_container, policyLabels: {team: '*'}, observedValue: 5}"));
        RuleMatch match = catalog.rules().get(0).match();

        assertThat(match.conditionKeys()).containsExactly("resourceTypes", "policyLabels", "observedValue");
        assertThat(match.matches(TestAlert.alert()
                .resource("k8s_container")
                .policyLabel("team", "x")
                .observed("5.0")
                .build())).isTrue();
        assertThat(match.matches(TestAlert.alert().resource("k8s_container").observed("5").build())).isFalse();
    }

    private static ClassificationCatalog userCatalog() {
        try (InputStream in = ClassificationCatalogTest.class.getResourceAsStream("/firebreak/classify/user-rules.yaml")) {
            return ClassificationCatalog.parse(in, "user-rules.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClassificationCatalog parse(String yaml) {
        return ClassificationCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), SOURCE);
    }

    private static Arguments invalid(String name, String yaml, String expectedMessagePart) {
        return Arguments.of(name, yaml, expectedMessagePart);
    }

    private static String rules(String firstRuleBody) {
        return "rules:\n  - " + firstRuleBody + "\n";
    }

    private static String rule(String id, String... lines) {
        return "rules:\n" + item(id, lines);
    }

    private static String item(String id, String... lines) {
        StringBuilder yaml = new StringBuilder("  - id: '" + id + "'\n");
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }
}
