package dev.firebreak.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.firebreak.alert.Alert;

class TemplateValuesTest {

    private static Optional<String> value(Alert alert, String name) {
        return TemplateValues.of(alert, AlertFixture.NOW).value(name);
    }

    @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            p1,                   europe-west1,   c1,     gke_p1_europe-west1_c1
            example.com:proj,     us-central1-a,  prod,   gke_example.com:proj_us-central1-a_prod
            p1,                   -,              c1,     -
            -,                    europe-west1,   c1,     -
            p1,                   europe-west1,   -,      -
            """)
    void buildsTheGkeContextOnlyFromAllThreeParts(String project, String location, String cluster, String expected) {
        assertThat(TemplateValues.gkeContext(project, location, cluster)).isEqualTo(expected);
    }

    @Test
    void contextComesFromTheContainerLabels() {
        Alert alert = AlertFixture.k8sContainer("web-0", "nginx").build();

        assertThat(value(alert, "context")).hasValue("gke_p1_europe-west1_c1");
        assertThat(value(alert, "namespace")).hasValue("shop");
    }

    @Test
    void prometheusTargetUsesItsOwnClusterAndNamespaceLabels() {
        Alert alert = AlertFixture.resource("prometheus_target", "project_id", "p1", "location", "us-east1",
                "cluster", "c2", "namespace", "payments", "job", "api", "instance", "10.0.0.7:9090").build();

        assertThat(value(alert, "context")).hasValue("gke_p1_us-east1_c2");
        assertThat(value(alert, "namespace")).hasValue("payments");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", textBlock = """
            checkout-7d9f8b6c5d-x2x7q,          checkout
            api-gateway-5b7c9d8f4-zx9kq,         api-gateway
            web-0,                               -
            standalone,                          -
            """)
    void derivesTheDeploymentFromAPodName(String pod, String expected) {
        assertThat(TemplateValues.deploymentOf(pod)).isEqualTo(expected);
    }

    @Test
    void appLabelWinsOverThePodName() {
        Alert alert = AlertFixture.k8sContainer("checkout-7d9f8b6c5d-x2x7q", "app")
                .userLabels("app", "shop-checkout")
                .build();

        assertThat(value(alert, "app")).hasValue("shop-checkout");
    }

    @ParameterizedTest(name = "{0} -> project {1}, instance {2}")
    @CsvSource(textBlock = """
            p1:orders-db,               p1,                 orders-db
            example.com:proj:orders,    example.com:proj,   orders
            """)
    void splitsTheCloudSqlDatabaseId(String databaseId, String project, String instance) {
        Alert alert = AlertFixture.resource("cloudsql_database", "database_id", databaseId, "region", "europe-west1")
                .build();

        assertThat(value(alert, "project")).hasValue(project);
        assertThat(value(alert, "instance")).hasValue(instance);
        assertThat(value(alert, "database")).hasValue(databaseId);
    }

    @Test
    void vmNameComesFromMetadataThenDisplayNameThenId() {
        AlertFixture vm = AlertFixture.resource("gce_instance", "instance_id", "3453121075891706391", "zone",
                "asia-southeast1-c", "project_id", "asia-pro-463111");

        assertThat(value(vm.build(), "instance")).hasValue("3453121075891706391");
        assertThat(value(vm.displayName("asia-pay-template").build(), "instance")).hasValue("asia-pay-template");
        assertThat(value(vm.systemLabels("name", "wkingdb").build(), "instance")).hasValue("wkingdb");
        assertThat(value(vm.build(), "region")).hasValue("asia-southeast1");
    }

    @Test
    void projectFallsBackToTheAlertProject() {
        Alert alert = AlertFixture.resource("uptime_url", "host", "example.com").project("scoping-p").build();

        assertThat(value(alert, "project")).hasValue("scoping-p");
    }

    @Test
    void resourceLabelsWinOverPolicyUserLabels() {
        Alert alert = AlertFixture.k8sContainer("web-0", "nginx")
                .userLabels("namespace_name", "other", "team", "sre")
                .build();

        assertThat(value(alert, "namespace")).hasValue("shop");
        assertThat(value(alert, "label.team")).hasValue("sre");
        assertThat(value(alert, "label.missing")).isEmpty();
    }

    @Test
    void valuesStartingWithADashCountAsMissing() {
        Alert alert = AlertFixture.k8sContainer("--kubeconfig=/tmp/evil", "-c").build();

        assertThat(value(alert, "pod")).isEmpty();
        assertThat(value(alert, "container")).isEmpty();
    }

    @Test
    void openIncidentWindowRunsFromTenMinutesBeforeTheStartToNow() {
        Alert alert = AlertFixture.resource("gce_instance")
                .window(Instant.parse("2026-11-24T10:00:00.750Z"), null)
                .build();

        assertThat(value(alert, "start")).hasValue("2026-11-24T09:50:00Z");
        assertThat(value(alert, "end")).hasValue("2026-11-24T10:30:00Z");
        assertThat(value(alert, "window"))
                .hasValue("timestamp>=\"2026-11-24T09:50:00Z\" AND timestamp<=\"2026-11-24T10:30:00Z\"");
    }

    @Test
    void closedIncidentWindowEndsTenMinutesAfterTheEnd() {
        Alert alert = AlertFixture.resource("gce_instance")
                .window(Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T08:20:00Z"))
                .build();

        assertThat(value(alert, "start")).hasValue("2026-11-24T07:50:00Z");
        assertThat(value(alert, "end")).hasValue("2026-11-24T08:30:00Z");
    }

    @Test
    void unknownStartLooksBackOneHour() {
        Alert alert = AlertFixture.resource("gce_instance").window(null, null).build();

        assertThat(value(alert, "start")).hasValue("2026-11-24T09:30:00Z");
        assertThat(value(alert, "end")).hasValue("2026-11-24T10:30:00Z");
    }

    @Test
    void resourceFilterEscapesQuotesAndListsLabelsInKeyOrder() {
        Alert alert = AlertFixture.resource("k8s_pod", "pod_name", "a\" OR \"1\"=\"1", "namespace_name", "x\\y").build();

        assertThat(value(alert, "resourceFilter")).hasValue("resource.type=\"k8s_pod\" AND resource.labels.namespace_name="
                + "\"x\\\\y\" AND resource.labels.pod_name=\"a\\\" OR \\\"1\\\"=\\\"1\"");
    }

    @Test
    void alertFilterIsTheLogMatchFilterOnOneLine() {
        Alert logMatch = AlertFixture.resource("gae_app").logMatch("severity>=ERROR\n  AND textPayload:\"boom\"").build();
        Alert threshold = AlertFixture.resource("gae_app").build();

        assertThat(value(logMatch, "alertFilter")).hasValue("severity>=ERROR AND textPayload:\"boom\"");
        assertThat(value(threshold, "alertFilter")).isEmpty();
    }
}
