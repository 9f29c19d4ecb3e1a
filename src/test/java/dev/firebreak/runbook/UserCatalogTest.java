package dev.firebreak.runbook;

import static dev.firebreak.incident.workflow.ResponseStep.ASSESS_IMPACT;
import static dev.firebreak.incident.workflow.ResponseStep.RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.firebreak.alert.Alert;

class UserCatalogTest {
    private static final Clock CLOCK = Clock.fixed(AlertFixture.NOW, ZoneOffset.UTC);
    private static final Alert SHOP_POD = AlertFixture.k8sContainer("checkout-7d9f8b6c5d-x2x7q", "app")
            .userLabels("team", "payments")
            .build();

    private static Runbook runbookWith(String userYaml) {
        DiagnosticCatalog user = DiagnosticCatalogTest.parse(userYaml);
        return new Runbook(DiagnosticCatalog.builtIn().withUserRulesFirst(user), CLOCK);
    }

    @Test
    void userRulesAreTriedBeforeBuiltInRules() {
        Runbook runbook = runbookWith("""
                rules:
                  - id: payments-pods
                    match: {resourceTypes: [k8s_container], labels: {team: '^payments$'}}
                    steps:
                      assess_impact:
                        - {title: Payments dashboard, command: 'payctl status --team={label.team} -n {namespace}'}
                """);

        Suggestion suggestion = runbook.suggestion(SHOP_POD);

        assertThat(suggestion.ruleId()).isEqualTo("payments-pods");
        assertThat(suggestion.forStep(ASSESS_IMPACT)).extracting(DiagnosticCommand::command)
                .containsExactly("payctl status --team=payments -n shop");
        assertThat(suggestion.forStep(RESOLUTION)).extracting(DiagnosticCommand::command)
                .allMatch(command -> command.startsWith("gcloud logging read"));
    }

    @Test
    void userRuleThatDoesNotMatchLeavesTheBuiltInRuleInCharge() {
        Runbook runbook = runbookWith("""
                rules:
                  - id: search-pods
                    match: {labels: {team: '^search$'}}
                    steps: {assess_impact: [{title: Search, command: searchctl status}]}
                """);

        assertThat(runbook.suggestion(SHOP_POD).ruleId()).isEqualTo("k8s-pods");
    }

    @Test
    void userRuleCanExtendABuiltInRule() {
        Runbook runbook = runbookWith("""
                rules:
                  - id: payments-pods
                    extends: k8s-pods
                    match: {labels: {team: payments}}
                    steps: {assess_impact: [{title: Payments dashboard, command: payctl status}]}
                """);

        assertThat(runbook.suggest(SHOP_POD, ASSESS_IMPACT)).extracting(DiagnosticCommand::command)
                .startsWith(
                        "payctl status",
                        "kubectl describe pod checkout-7d9f8b6c5d-x2x7q -n shop --context=gke_p1_europe-west1_c1");
        assertThat(runbook.suggest(SHOP_POD, RESOLUTION)).extracting(DiagnosticCommand::command)
                .startsWith("kubectl get pods -n shop -o wide --context=gke_p1_europe-west1_c1");
    }

    @Test
    void userRuleWithABuiltInIdReplacesIt() {
        DiagnosticCatalog merged = DiagnosticCatalog.builtIn().withUserRulesFirst(DiagnosticCatalogTest.parse("""
                rules:
                  - id: k8s-pods
                    match: {resourceTypes: [k8s_container]}
                    steps: {assess_impact: [{title: Ours, command: 'kubectl get pod {pod}'}]}
                """));

        assertThat(merged.rules()).filteredOn(rule -> rule.id().equals("k8s-pods"))
                .singleElement()
                .satisfies(rule -> assertThat(rule.commands(ASSESS_IMPACT).get(0).title()).isEqualTo("Ours"));
        assertThat(merged.rules().get(0).id()).isEqualTo("k8s-pods");
        assertThat(new Runbook(merged, CLOCK).suggest(SHOP_POD, ASSESS_IMPACT)).extracting(DiagnosticCommand::command)
                .containsExactly("kubectl get pod checkout-7d9f8b6c5d-x2x7q");
    }

    @Test
    void userFallbackReplacesTheBuiltInFallback() {
        Runbook runbook = runbookWith("rules:\n" + """
                  - id: our-fallback
                    fallback: true
                    steps:
                      assess_impact: [{title: t, command: 'ourctl assess {resourceType}'}]
                      immediate_response: [{title: t, command: ourctl mitigate}]
                      root_cause_analysis: [{title: t, command: ourctl why}]
                      resolution: [{title: t, command: ourctl verify}]
                      post_incident_review: [{title: t, command: ourctl timeline}]
                """);
        Alert nat = AlertFixture.resource("nat_gateway").build();

        assertThat(runbook.suggestion(nat).ruleId()).isEqualTo("our-fallback");
        assertThat(runbook.suggest(nat, ASSESS_IMPACT)).extracting(DiagnosticCommand::command)
                .containsExactly("ourctl assess nat_gateway");
    }

    @Test
    void userRuleExtendingAnUnknownRuleFailsWhenMerged() {
        DiagnosticCatalog user = DiagnosticCatalogTest.parse("""
                rules:
                  - id: mine
                    extends: no-such-rule
                    match: {resourceTypes: [x]}
                    steps: {resolution: [{title: t, command: kubectl get pods}]}
                """);

        assertThatThrownBy(() -> DiagnosticCatalog.builtIn().withUserRulesFirst(user))
                .isInstanceOf(DiagnosticCatalogException.class)
                .hasMessageContaining("rule 'mine': extends unknown rule 'no-such-rule'");
    }

    @Test
    void aCatalogWithoutFallbackCannotDriveARunbook() {
        DiagnosticCatalog user = DiagnosticCatalogTest.parse("rules: []");

        assertThatThrownBy(() -> new Runbook(user, CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no fallback rule");
    }

    @Test
    void loadsAUserFileFromAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("diagnostics.yaml");
        Files.writeString(file, """
                rules:
                  - id: payments-pods
                    match: {text: payments}
                    steps: {assess_impact: [{title: Payments, command: payctl status}]}
                """);

        DiagnosticCatalog user = DiagnosticCatalog.load(file);

        assertThat(user.sourceName()).isEqualTo(file.toString());
        assertThat(new Runbook(DiagnosticCatalog.builtIn().withUserRulesFirst(user), CLOCK).suggestion(SHOP_POD)
                .ruleId()).isEqualTo("payments-pods");
    }

    @Test
    void loadErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "rules:\n  - id: x\n    match: {metricType: '('}\n");

        assertThatThrownBy(() -> DiagnosticCatalog.load(file)).isInstanceOf(DiagnosticCatalogException.class)
                .hasMessageStartingWith(file + ": rule 'x': match: 'metricType' is not a valid regex");
        assertThatThrownBy(() -> DiagnosticCatalog.load(dir.resolve("missing.yaml")))
                .isInstanceOf(UncheckedIOException.class);
    }
}
