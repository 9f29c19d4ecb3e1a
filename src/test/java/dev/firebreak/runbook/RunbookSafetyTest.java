package dev.firebreak.runbook;

import static dev.firebreak.incident.workflow.ResponseStep.ASSESS_IMPACT;
import static dev.firebreak.incident.workflow.ResponseStep.IMMEDIATE_RESPONSE;
import static dev.firebreak.incident.workflow.ResponseStep.ROOT_CAUSE_ANALYSIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.Alert;
import dev.firebreak.incident.workflow.ResponseStep;

/**
 * What a responder copies is safe: hostile label values stay inert words, missing values stay visible, and only
 * the immediate-response step may change anything.
 */
class RunbookSafetyTest {
    private final Runbook runbook = new Runbook(DiagnosticCatalog.builtIn(), Clock.fixed(AlertFixture.NOW, ZoneOffset.UTC));

    private static final String HOSTILE_POD = "x; touch PWNED; echo '$(touch PWNED)' `touch PWNED`";
    private static final String HOSTILE_NAMESPACE = "$(touch PWNED)";
    private static final String HOSTILE_CONTAINER = "a'b\nc";
    private static final String HOSTILE_CLUSTER = "c1 && touch PWNED";

    private static Alert hostileContainer() {
        return AlertFixture.resource("k8s_container", "project_id", "p1", "location", "europe-west1", "cluster_name",
                HOSTILE_CLUSTER, "namespace_name", HOSTILE_NAMESPACE, "pod_name", HOSTILE_POD, "container_name",
                HOSTILE_CONTAINER).build();
    }

    @Test
    void hostileLabelValuesAreQuotedInsideCommands() {
        List<String> commands = runbook.suggest(hostileContainer(), ROOT_CAUSE_ANALYSIS)
                .stream()
                .map(DiagnosticCommand::command)
                .toList();

        assertThat(commands).contains("kubectl logs 'x; touch PWNED; echo '\\''$(touch PWNED)'\\'' `touch PWNED`'"
                + " -n '$(touch PWNED)' -c 'a'\\''b?c' --previous --context='gke_p1_europe-west1_c1 && touch PWNED'");
    }

    static Stream<Arguments> everyCommandForHostileAlerts() {
        Alert hostileVm = AlertFixture.resource("gce_instance", "instance_id", "1", "zone", "z'; touch PWNED; '",
                "project_id", "p1").displayName("$(touch PWNED)").build();
        Alert hostileHost = AlertFixture.resource("uptime_url", "host", "h`touch PWNED`", "project_id", "p1")
                .condition("SSL expiry")
                .build();
        Alert hostileSql = AlertFixture.resource("cloudsql_database", "database_id", "p1:db;touch PWNED").build();
        Alert hostileLog = AlertFixture.resource("gae_app", "project_id", "p1")
                .logMatch("textPayload:\"'; touch PWNED; '\"")
                .build();
        return Stream.of(hostileContainer(), hostileVm, hostileHost, hostileSql, hostileLog).flatMap(alert -> {
            Suggestion suggestion = new Runbook(DiagnosticCatalog.builtIn(),
                    Clock.fixed(AlertFixture.NOW, ZoneOffset.UTC)).suggestion(alert);
            return suggestion.commands()
                    .values()
                    .stream()
                    .flatMap(List::stream)
                    .map(command -> Arguments.of(suggestion.ruleId(), command.command()));
        });
    }

    /** The shell runs the whole line with every suggested program faked, pipelines and redirections included. */
    @ParameterizedTest(name = "{0}: {1}")
    @EnabledOnOs({OS.LINUX, OS.MAC})
    @MethodSource("everyCommandForHostileAlerts")
    void noHostileValueRunsAnythingWhenTheCommandIsPasted(String ruleId, String command, @TempDir Path dir)
            throws Exception {
        String filled = command.replaceAll("<([a-zA-Z.-]+)>", "FILL_$1");

        String output = ShellHarness.runFaked(filled, dir);

        assertThat(output).isNotEmpty();
        assertThat(dir.resolve("PWNED")).doesNotExist();
        assertThat(command).doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void hostilePodNameArrivesAsOneArgument(@TempDir Path dir) throws Exception {
        String describe = runbook.suggest(hostileContainer(), ASSESS_IMPACT).get(0).command();

        assertThat(ShellHarness.words(describe, dir)).containsExactly("kubectl", "describe", "pod", HOSTILE_POD, "-n",
                HOSTILE_NAMESPACE, "--context=gke_p1_europe-west1_" + HOSTILE_CLUSTER);
    }

    @Test
    void hostileValuesInLogFiltersStayInsideTheQueryString() {
        Alert alert = AlertFixture.resource("nat_gateway", "project_id", "p1", "gateway_name",
                "n\" OR logName:\"x' ; touch PWNED").build();

        assertThat(runbook.suggest(alert, ASSESS_IMPACT).get(0).command()).isEqualTo("gcloud logging read "
                + "'resource.type=\"nat_gateway\" AND resource.labels.gateway_name=\"n\\\" OR logName:\\\"x'\\'' ; touch PWNED\""
                + " AND resource.labels.project_id=\"p1\" AND timestamp>=\"2026-11-24T09:50:00Z\""
                + " AND timestamp<=\"2026-11-24T10:30:00Z\"' --project=p1 --limit=50");
    }

    @Test
    void optionInjectionThroughALabelShowsAPlaceholderInstead() {
        Alert alert = AlertFixture.resource("k8s_pod", "namespace_name", "shop", "pod_name", "--kubeconfig=/tmp/evil")
                .build();

        assertThat(runbook.suggest(alert, ASSESS_IMPACT).get(0).command())
                .isEqualTo("kubectl describe pod <pod> -n shop");
    }

    @Test
    void missingValuesShowAsVisiblePlaceholdersAndOptionalFlagsDisappear() {
        Alert alert = AlertFixture.resource("k8s_pod").build();

        assertThat(runbook.suggest(alert, ASSESS_IMPACT)).extracting(DiagnosticCommand::command)
                .containsExactly(
                        "kubectl describe pod <pod> -n <namespace>",
                        "kubectl get pods -n <namespace> -o wide",
                        "kubectl get events -n <namespace> --sort-by=.lastTimestamp",
                        "kubectl top pod <pod> -n <namespace>");
        assertThat(runbook.suggest(alert, IMMEDIATE_RESPONSE)).extracting(DiagnosticCommand::command)
                .contains("kubectl rollout undo deployment/<app> -n <namespace>");
    }

    @Test
    void contextIsLeftOutWhenTheClusterIsUnknown() {
        Alert alert = AlertFixture.resource("k8s_container", "project_id", "p1", "location", "europe-west1",
                "namespace_name", "shop", "pod_name", "web-0", "container_name", "nginx").build();

        assertThat(runbook.suggest(alert, ASSESS_IMPACT).get(0).command()).isEqualTo("kubectl describe pod web-0 -n shop");
    }

    @Test
    void everyCommandIsOneLine() {
        for (Alert alert : List.of(hostileContainer(), AlertFixture.resource("").build())) {
            runbook.suggest(alert)
                    .values()
                    .stream()
                    .flatMap(List::stream)
                    .forEach(command -> assertThat(command.command()).doesNotContain("\n", "\r"));
        }
    }

    @Test
    void builtInRulesMarkStateChangesAndKeepThemInImmediateResponse() {
        DiagnosticCatalog catalog = DiagnosticCatalog.builtIn();
        List<DiagnosticRule> rules = Stream.concat(catalog.rules().stream(), catalog.fallback().stream()).toList();
        long mutatingCount = 0;
        for (DiagnosticRule rule : rules) {
            for (var entry : catalog.inheritedSteps(rule).entrySet()) {
                for (CommandTemplate template : entry.getValue()) {
                    String literal = TemplateText.parse(template.command()).literalText();
                    if (template.mutating()) {
                        mutatingCount++;
                        assertThat(entry.getKey()).as(rule.id() + ": " + template.title())
                                .isEqualTo(ResponseStep.IMMEDIATE_RESPONSE);
                    } else {
                        assertThat(MutationGuard.mutatingVerb(literal)).as(rule.id() + ": " + template.title()).isEmpty();
                    }
                }
            }
        }
        assertThat(mutatingCount).as("immediate_response offers real mitigations").isPositive();
    }

    @Test
    void renderedSuggestionsFlagMutatingCommandsOnlyInImmediateResponse() {
        runbook.suggest(AlertFixture.k8sContainer("checkout-7d9f8b6c5d-x2x7q", "app").build())
                .forEach(
                        (step, commands) -> assertThat(commands.stream().anyMatch(DiagnosticCommand::mutating))
                                .as(step.wireName())
                                .isEqualTo(step == IMMEDIATE_RESPONSE));
    }
}
