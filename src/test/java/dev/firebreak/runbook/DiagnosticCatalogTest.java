package dev.firebreak.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.incident.workflow.ResponseStep;

class DiagnosticCatalogTest {
    private static final String FALLBACK = """
              - id: fallback
                fallback: true
                steps:
                  assess_impact: [{title: t, command: gcloud logging read x}]
                  immediate_response: [{title: t, command: gcloud logging read x}]
                  root_cause_analysis: [{title: t, command: gcloud logging read x}]
                  resolution: [{title: t, command: gcloud logging read x}]
                  post_incident_review: [{title: t, command: gcloud logging read x}]
            """;

    static DiagnosticCatalog parse(String yaml) {
        return DiagnosticCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    /** A one-rule catalog whose rule has the given match and steps blocks (YAML, indented for a rule). */
    private static String rule(String id, String body) {
        return "rules:\n  - id: " + id + "\n" + body.indent(4);
    }

    private static String podRule(String steps) {
        return rule("pods", "match: {resourceTypes: [k8s_pod]}\nsteps:\n" + steps.indent(2));
    }

    static Stream<Arguments> invalidCatalogs() {
        return Stream.of(
                Arguments.of("not yaml", "rules: [", "test.yaml: not valid YAML"),
                Arguments.of("empty", "", "test.yaml: the file is empty"),
                Arguments.of("top-level list", "- a\n- b", "expected a mapping with a 'rules' list"),
                Arguments.of("unknown top-level key", "rulez: []", "unknown key 'rulez'"),
                Arguments.of("future version", "version: 2\nrules: []", "unsupported version 2"),
                Arguments.of("duplicate yaml key", "rules: []\nrules: []", "not valid YAML"),
                Arguments.of("missing id", "rules:\n  - match: {resourceTypes: [x]}", "rules[0]: 'id' is required"),
                Arguments.of("bad id", "rules:\n  - id: Bad Id", "rules[0]: 'id' is required"),
                Arguments.of("unknown rule key", rule("a", "matches: {}"), "rule 'a': unknown key 'matches'"),
                Arguments.of("no match", rule("a", "steps: {resolution: [{title: t, command: kubectl get pods}]}"),
                        "rule 'a': 'match' needs at least one condition"),
                Arguments.of("empty match",
                        rule("a", "match: {}\nsteps: {resolution: [{title: t, command: kubectl get pods}]}"),
                        "rule 'a': 'match' needs at least one condition"),
                Arguments.of("bad regex", rule("a", "match: {metricType: '('}"),
                        "rule 'a': match: 'metricType' is not a valid regex"),
                Arguments.of("bad label regex", rule("a", "match: {labels: {pod_name: '[a'}}"),
                        "rule 'a': match: 'labels.pod_name' is not a valid regex"),
                Arguments.of("unknown condition kind", rule("a", "match: {conditionKinds: [logs]}"),
                        "rule 'a': match: unknown condition kind 'logs'"),
                Arguments.of("resource types not strings", rule("a", "match: {resourceTypes: [1, {}]}"),
                        "rule 'a': match: 'resourceTypes' must contain only non-empty strings"),
                Arguments.of("no steps", rule("a", "match: {resourceTypes: [k8s_pod]}"),
                        "rule 'a': 'steps' must map at least one step"),
                Arguments.of("unknown step", podRule("triage: [{title: t, command: kubectl get pods}]"),
                        "rule 'pods': unknown step 'triage'"),
                Arguments.of("empty step", podRule("resolution: []"),
                        "rule 'pods': step resolution must be a non-empty list"),
                Arguments.of("missing title", podRule("resolution: [{command: kubectl get pods}]"),
                        "rule 'pods': resolution: command 1: 'title' and 'command' are both required"),
                Arguments.of("unknown command key", podRule("resolution: [{title: t, command: c, mutate: true}]"),
                        "rule 'pods': resolution: command 1: unknown key 'mutate'"),
                Arguments.of("unknown placeholder", podRule("resolution: [{title: Pods, command: 'kubectl get pod {pods}'}]"),
                        "rule 'pods': resolution: 'Pods': unknown placeholder {pods}"),
                Arguments.of("unescaped literal brace",
                        podRule("resolution: [{title: Code, command: \"curl -w '%{errormsg}' x\"}]"),
                        "unknown placeholder {errormsg}; known:"),
                Arguments.of("multi-line command",
                        podRule("resolution: [{title: Two, command: \"kubectl get pods\\nrm -rf /\"}]"),
                        "rule 'pods': resolution: 'Two': 'command' must be one line"),
                Arguments.of("mutating outside immediate response",
                        podRule("root_cause_analysis: [{title: Undo, command: 'kubectl rollout undo deployment/{app}', mutating: true}]"),
                        "rule 'pods': root_cause_analysis: 'Undo': is marked mutating, but state-changing commands are only "
                                + "allowed in immediate_response"),
                Arguments.of("unmarked delete", podRule("assess_impact: [{title: Clean, command: 'kubectl delete pod {pod}'}]"),
                        "rule 'pods': assess_impact: 'Clean': runs 'kubectl delete', which changes state, but is not marked"),
                Arguments.of("unmarked rollout undo in immediate response",
                        podRule("immediate_response: [{title: Undo, command: 'kubectl rollout undo deployment/{app} {--context}'}]"),
                        "'Undo': runs 'kubectl rollout undo'"),
                Arguments.of("unmarked gcloud failover",
                        podRule("resolution: [{title: F, command: 'gcloud sql instances failover {instance}'}]"),
                        "'F': runs 'gcloud failover'"),
                Arguments.of("unmarked drain behind a pipe",
                        podRule("resolution: [{title: D, command: 'kubectl get nodes | xargs -n1 kubectl drain'}]"),
                        "'D': runs 'kubectl drain'"),
                Arguments.of("filter not used", podRule("resolution: [{title: L, command: gcloud logging read, filter: x}]"),
                        "'L': has a 'filter' but the command does not use {filter}"),
                Arguments.of("filter missing", podRule("resolution: [{title: L, command: 'gcloud logging read {filter}'}]"),
                        "'L': uses {filter} but has no 'filter'"),
                Arguments.of("expression as optional flag", podRule("resolution: [{title: L, command: 'x {--window}'}]"),
                        "'L': {--window} is not an optional flag"),
                Arguments.of("unknown placeholder in filter",
                        podRule("resolution: [{title: L, command: 'gcloud logging read {filter}', filter: '{nope}'}]"),
                        "'L': unknown placeholder {nope}"),
                Arguments.of("unknown required placeholder", podRule("resolution: [{title: L, command: x, requires: [nope]}]"),
                        "'L': unknown placeholder {nope}"),
                Arguments.of("duplicate id", "rules:\n" + ("""
                          - id: a
                            match: {resourceTypes: [x]}
                            steps: {resolution: [{title: t, command: kubectl get pods}]}
                        """).repeat(2), "rule 'a': duplicate id"),
                Arguments.of("extends itself", rule("a", """
                        extends: a
                        match: {resourceTypes: [x]}
                        steps: {resolution: [{title: t, command: kubectl get pods}]}"""), "rule 'a': extends itself"),
                Arguments.of("extends unknown rule", rule("a", """
                        extends: nope
                        match: {resourceTypes: [x]}
                        steps: {resolution: [{title: t, command: kubectl get pods}]}""") + FALLBACK,
                        "rule 'a': extends unknown rule 'nope'"),
                Arguments.of("extends cycle", """
                        rules:
                          - id: a
                            extends: b
                            match: {resourceTypes: [x]}
                            steps: {resolution: [{title: t, command: kubectl get pods}]}
                          - id: b
                            extends: a
                            match: {resourceTypes: [y]}
                            steps: {resolution: [{title: t, command: kubectl get pods}]}
                        """ + FALLBACK, "'extends' forms a cycle"),
                Arguments.of("fallback missing a step", """
                        rules:
                          - id: fallback
                            fallback: true
                            steps: {assess_impact: [{title: t, command: x}]}
                        """, "rule 'fallback': the fallback rule needs commands for every step; missing immediate_response"),
                Arguments.of("fallback with match", "rules:\n" + FALLBACK.replace("fallback: true",
                        "fallback: true\n    match: {resourceTypes: [x]}"),
                        "the fallback rule takes neither 'match' nor 'extends'"),
                Arguments.of("rule after fallback", "rules:\n" + FALLBACK + """
                          - id: late
                            match: {resourceTypes: [x]}
                            steps: {resolution: [{title: t, command: kubectl get pods}]}
                        """, "rule 'late': comes after the fallback rule"),
                Arguments.of("fallback command with requires", "rules:\n" + FALLBACK.replace(
                        "resolution: [{title: t, command: gcloud logging read x}]",
                        "resolution: [{title: t, command: gcloud logging read x, requires: [pod]}]"),
                        "fallback commands in resolution cannot use 'requires'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCatalogs")
    void rejectsInvalidCatalogsWithAClearMessage(String name, String yaml, String expectedMessage) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(DiagnosticCatalogException.class)
                .hasMessageStartingWith("test.yaml: ")
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void acceptsAMinimalCompleteCatalog() {
        DiagnosticCatalog catalog = parse("version: 1\nrules:\n" + FALLBACK);

        assertThat(catalog.rules()).isEmpty();
        assertThat(catalog.fallback()).map(DiagnosticRule::id).hasValue("fallback");
        assertThat(catalog.sourceName()).isEqualTo("test.yaml");
    }

    @Test
    void acceptsEscapedBracesAndMutatingCommandsInImmediateResponse() {
        DiagnosticCatalog catalog = parse(podRule("""
                immediate_response:
                  - {title: Undo, command: 'kubectl rollout undo deployment/{app}', mutating: true}
                assess_impact:
                  - {title: Code, command: "curl -w '%{{http_code}}' https://{host}/"}
                """));

        assertThat(catalog.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.commands(ResponseStep.IMMEDIATE_RESPONSE)).singleElement()
                    .satisfies(command -> assertThat(command.mutating()).isTrue());
            assertThat(rule.commands(ResponseStep.RESOLUTION)).isEmpty();
        });
    }

    @Test
    void builtInCatalogLoadsWithAFallbackThatCoversEveryStep() {
        DiagnosticCatalog builtIn = DiagnosticCatalog.builtIn();

        assertThat(builtIn.rules()).hasSizeGreaterThan(15);
        assertThat(builtIn.fallback()).hasValueSatisfying(fallback -> {
            for (ResponseStep step : ResponseStep.values()) {
                assertThat(fallback.commands(step)).as(step.wireName()).isNotEmpty();
            }
        });
        assertThat(builtIn.rules()).allSatisfy(rule -> assertThat(rule.description()).isNotBlank());
    }

    @Test
    void builtInRulesThatExtendInheritTheirParentsCommandsAfterTheirOwn() {
        DiagnosticCatalog builtIn = DiagnosticCatalog.builtIn();
        DiagnosticRule crashLoop = builtIn.rule("k8s-pod-crashloop").orElseThrow();
        DiagnosticRule pods = builtIn.rule("k8s-pods").orElseThrow();

        var inherited = builtIn.inheritedSteps(crashLoop).get(ResponseStep.ROOT_CAUSE_ANALYSIS);

        assertThat(inherited.get(0)).isEqualTo(crashLoop.commands(ResponseStep.ROOT_CAUSE_ANALYSIS).get(0));
        assertThat(inherited).containsAll(pods.commands(ResponseStep.ROOT_CAUSE_ANALYSIS))
                .doesNotHaveDuplicates();
    }
}
