package dev.firebreak.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.firebreak.ingest.pubsub.PullTestProfile;
import dev.firebreak.notify.NotificationDispatcher;
import dev.firebreak.testsupport.OutboxDriver;
import dev.firebreak.testsupport.PostgresTestResource;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * The manifests against the running service (real PostgreSQL, the Pub/Sub emulator for pull, a fake Slack): every
 * probe path answers 200, and every metric (and label) the PrometheusRule's alerts read is in the real
 * {@code /q/metrics} once one alert went through push, pull-side startup, quarantine and Slack delivery.
 */
@QuarkusTest
@TestProfile(KubernetesManifestsServiceTest.EverythingOn.class)
class KubernetesManifestsServiceTest {
    /** Written by Prometheus for every scrape target, never by the service. */
    static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    /** Labels Prometheus adds to every scraped series (ServiceMonitor target labels). */
    static final Set<String> TARGET_LABELS = Set.of("job", "namespace", "pod", "instance", "service", "endpoint",
            "container");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    /** Pull enabled against the emulator and Slack delivering to the fake, so every Firebreak metric exists. */
    public static class EverythingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new SlackTestProfile().getConfigOverrides());
            config.putAll(new PullTestProfile().getConfigOverrides());
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            List<TestResourceEntry> resources = new ArrayList<>(new SlackTestProfile().testResources());
            resources.addAll(new PullTestProfile().testResources());
            return resources;
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    DatabaseProbe databaseProbe;

    @Test
    void everyProbePathAnswers200() {
        JsonNode container = KubernetesManifests.render(".").one("Deployment").at("/spec/template/spec/containers/0");
        for (String probe : KubernetesManifestsTest.PROBE_PATHS.keySet()) {
            String path = container.at("/" + probe + "/httpGet/path").asText();
            Awaitility.await(probe + " " + path)
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get(path).then().statusCode(200));
        }
    }

    @Test
    void everyMetricTheAlertsReadIsExported() {
        OutboxDriver driver = new OutboxDriver(dataSource, dispatcher);
        long incident = driver.open(OutboxDriver.unique("0.k8s-alerts"), OutboxDriver.unique("pod"), "Critical",
                Map.of());
        driver.drain(Duration.ofSeconds(20), incident);
        given().contentType(ContentType.JSON).body("not an envelope").post("/pubsub/push").then().statusCode(200);

        Map<String, Set<String>> exported = new TreeMap<>();
        Awaitility.await("pull subscriber running and database probed")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    exported.clear();
                    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
                    Map<String, String> values = parse(metrics, exported);
                    assertThat(values).containsEntry("firebreak_pubsub_pull_running", "1.0")
                            .containsEntry("firebreak_database_up", "1.0");
                });

        List<String> problems = new ArrayList<>();
        JsonNode rule = KubernetesManifests.render(".").one("PrometheusRule");
        for (JsonNode alert : rule.at("/spec/groups").findParents("alert")) {
            String expr = alert.path("expr").asText();
            Set<String> names = KubernetesManifests.metricNames(expr);
            assertThat(names).as(alert.path("alert").asText()).isNotEmpty();
            for (String name : names) {
                if (PROMETHEUS_SERIES.contains(name)) {
                    continue;
                }
                if (!exported.containsKey(name)) {
                    problems.add(alert.path("alert").asText() + " reads " + name + ", which /q/metrics does not have");
                    continue;
                }
                Set<String> labels = new TreeSet<>(KubernetesManifests.labelNames(expr, name));
                labels.removeAll(TARGET_LABELS);
                labels.removeAll(exported.get(name));
                if (!labels.isEmpty()) {
                    problems.add(alert.path("alert").asText() + " matches " + name + " on labels " + labels
                            + " it does not have");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void databaseGaugeFollowsTheDatabase() {
        assumeThat(PostgresTestResource.embedded()).as("needs the embedded database to stop it").isTrue();
        databaseProbe.check();
        assertThat(gauge("firebreak_database_up")).isEqualTo("1.0");
        PostgresTestResource.stopDatabase();
        try {
            databaseProbe.check();
            assertThat(gauge("firebreak_database_up")).isEqualTo("0.0");
        } finally {
            PostgresTestResource.restartDatabase();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    databaseProbe.check();
                    assertThat(gauge("firebreak_database_up")).isEqualTo("1.0");
                });
    }

    private static String gauge(String name) {
        return parse(given().get("/q/metrics").then().statusCode(200).extract().asString(), new TreeMap<>()).get(name);
    }

    /** Sample name → its label names (into {@code labels}); returns sample name → value of its last sample. */
    static Map<String, String> parse(String exposition, Map<String, Set<String>> labels) {
        Map<String, String> values = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Set<String> names = labels.computeIfAbsent(sample.group(1), k -> new TreeSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
            values.put(sample.group(1), sample.group(4));
        }
        return values;
    }
}
