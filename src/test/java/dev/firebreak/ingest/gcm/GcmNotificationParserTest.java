package dev.firebreak.ingest.gcm;

import static dev.firebreak.ingest.gcm.GcmFixtures.alert;
import static dev.firebreak.ingest.gcm.GcmFixtures.bytes;
import static dev.firebreak.ingest.gcm.GcmFixtures.parsed;
import static dev.firebreak.ingest.gcm.GcmFixtures.stringMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.alert.ConditionKind;
import dev.firebreak.alert.Documentation;
import dev.firebreak.alert.SourceSeverity;

/**
 * Every real and real-shaped Cloud Monitoring sample parses into the expected {@link Alert}.
 */
class GcmNotificationParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # file                                               | incident id                      | raw state | state    | version | known | test  | policy name                        | resource type     | project id       | severity raw | source severity | started    | ended      | condition kind   | scoping number
            cm-1.1-legacy-stackdriver-gcs.googlecloudplatform.json | f2e08c333dc64cb09f75eaab355393bz | open      | FIRING   | 1.1     | true  | false | Unused Bucket Objects              | ''                | -                | -            | UNSPECIFIED     | 1385085727 | -          | UNKNOWN          | -
            cm-1.2-gce-cpu-closed-google-docs-example.json       | 0.opqiw61fsv7p                   | closed    | CLEARED  | 1.2     | true  | false | Monitor-Project-Cluster            | gce_instance      | internal-project | no severity  | UNSPECIFIED     | 1577840461 | 1577877071 | METRIC_THRESHOLD | 12345
            cm-1.2-gce-netbytes-open-sev-critical.json           | 0.nwg9th6llz4w                   | open      | FIRING   | 1.2     | true  | false | 重启Gce                            | gce_instance      | asia-pro-463111  | Critical     | CRITICAL        | 1756293629 | -          | METRIC_THRESHOLD | 1099221943211
            cm-1.2-uptime-url-open-2020.agilicus.json            | 0.ligwyr056k2l                   | open      | FIRING   | 1.2     | true  | false | api - noc - users                  | uptime_url        | XXXX             | -            | UNSPECIFIED     | 1579559444 | -          | UPTIME_CHECK     | -
            cm-test-notification-version-test.cloudforet.json    | 12345                            | OPEN      | FIRING   | test    | true  | true  | projects/12345/alertPolicies/12345 | example_resource  | 12345            | -            | UNSPECIFIED     | -          | -          | METRIC_THRESHOLD | 12345
            cm-1.2-k8s-container-log-match-open.json             | 0.nkqz3wb1m8lq                   | open      | FIRING   | 1.2     | true  | false | payments OOM in logs               | k8s_container     | shop-prod-4a1c   | Warning      | WARNING         | 1763971200 | -          | LOG_MATCH        | 412345678901
            cm-1.2-prometheus-target-promql-open.json            | 0.p7m2xq4ke1vd                   | open      | FIRING   | 1.2     | true  | false | checkout error ratio               | prometheus_target | shop-prod-4a1c   | Critical     | CRITICAL        | 1763974800 | -          | PROMQL           | 412345678901
            cm-1.2-cloudsql-database-open-threshold-zero.json    | 0.c5lx8w2vqa3n                   | open      | FIRING   | 1.2     | true  | false | orders-db deadlocks                | cloudsql_database | shop-data-77b2   | Error        | ERROR           | 1763978400 | -          | METRIC_THRESHOLD | 412345678901
            cm-1.2-gce-cpu-closed-incident-cancelled.json        | 0.mtdi83m6w8ao                   | closed    | CLEARED  | 1.2     | true  | false | high cpu                           | gce_instance      | flank-demo-1234  | No severity  | UNSPECIFIED     | 1746175147 | 1746178747 | METRIC_THRESHOLD | 778812345678
            cm-1.3-unknown-version-extra-keys.json               | 0.u13xtrakeys                    | open      | FIRING   | 1.3     | false | false | nat port exhaustion                | nat_gateway       | net-host-01      | WARNING      | WARNING         | 1763982000 | -          | METRIC_THRESHOLD | 9007199254740993
            """)
    void everySampleParsesToItsKeyFields(String file, String incidentId, String rawState, AlertState state,
            String version, boolean knownVersion, boolean test, String policyName, String resourceType,
            String projectId, String severityRaw, SourceSeverity sourceSeverity, Long startedAt, Long endedAt,
            ConditionKind kind, Long scopingProjectNumber) {
        byte[] data = bytes(file);
        GcmParseResult.Parsed parsed = parsed(data);
        Alert alert = parsed.alert();

        assertThat(parsed.knownVersion()).isEqualTo(knownVersion);
        assertThat(parsed.json()).isEqualTo(new String(data, StandardCharsets.UTF_8));
        assertThat(parsed.contentKey()).matches("[0-9a-f]{64}");
        assertThat(alert.sourceIncidentId()).isEqualTo(incidentId);
        assertThat(alert.rawState()).isEqualTo(rawState);
        assertThat(alert.state()).isEqualTo(state);
        assertThat(alert.schemaVersion()).isEqualTo(version);
        assertThat(alert.testNotification()).isEqualTo(test);
        assertThat(alert.policyName()).isEqualTo(policyName);
        assertThat(alert.resource().type()).isEqualTo(resourceType);
        assertThat(alert.projectId()).isEqualTo(projectId);
        assertThat(alert.severityRaw()).isEqualTo(severityRaw);
        assertThat(alert.sourceSeverity()).isEqualTo(sourceSeverity);
        assertThat(alert.startedAt()).isEqualTo(startedAt == null ? null : Instant.ofEpochSecond(startedAt));
        assertThat(alert.endedAt()).isEqualTo(endedAt == null ? null : Instant.ofEpochSecond(endedAt));
        assertThat(alert.conditionKind()).isEqualTo(kind);
        assertThat(alert.scopingProjectNumber()).isEqualTo(scopingProjectNumber);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            # file                                               | resource labels                                                                                                                                                        | metric type                                               | metric display name | metric labels
            cm-1.1-legacy-stackdriver-gcs.googlecloudplatform.json | {}                                                                                                                                                                     | ''                                                        | ''                  | {}
            cm-1.2-gce-cpu-closed-google-docs-example.json       | {"instance_id":"11223344","project_id":"internal-project","zone":"us-central1-c"}                                                                                      | compute.googleapis.com/instance/cpu/utilization           | CPU utilization     | {"instance_name":"the name of the VM instance"}
            cm-1.2-gce-netbytes-open-sev-critical.json           | {"instance_id":"3453121075891706391","project_id":"asia-pro-463111","zone":"asia-southeast1-c"}                                                                         | compute.googleapis.com/instance/network/sent_bytes_count  | Sent bytes          | {"loadbalanced":"false"}
            cm-1.2-uptime-url-open-2020.agilicus.json            | {"host":"MYHOST"}                                                                                                                                                      | ''                                                        | ''                  | {}
            cm-test-notification-version-test.cloudforet.json    | {"example":"label"}                                                                                                                                                    | test.googleapis.com/metric                                | Test Metric         | {"example":"label"}
            cm-1.2-k8s-container-log-match-open.json             | {"cluster_name":"prod-gke-1","container_name":"payments-api","location":"europe-west1","namespace_name":"payments","pod_name":"payments-api-7d9f8b6c5-x2k4p","project_id":"shop-prod-4a1c"} | ''                            | ''                  | {}
            cm-1.2-prometheus-target-promql-open.json            | {"namespace":"checkout"}                                                                                                                                               | ''                                                        | ''                  | {"job":"checkout","value":"0.9734"}
            cm-1.2-cloudsql-database-open-threshold-zero.json    | {"database_id":"shop-data-77b2:orders-db","project_id":"shop-data-77b2","region":"europe-west1"}                                                                        | cloudsql.googleapis.com/database/postgresql/deadlock_count | Deadlocks count     | {"database":"orders"}
            cm-1.2-gce-cpu-closed-incident-cancelled.json        | {"instance_id":"6632100219882734455","project_id":"flank-demo-1234","zone":"us-east1-b"}                                                                                | compute.googleapis.com/instance/cpu/utilization           | CPU utilization     | {"instance_name":"worker-3"}
            cm-1.3-unknown-version-extra-keys.json               | {"gateway_name":"nat-eu","project_id":"net-host-01","region":"europe-west4","router_id":"123"}                                                                          | router.googleapis.com/nat/dropped_sent_packets_count      | Dropped sent packets | {"reason":"OUT_OF_RESOURCES"}
            """)
    void everySampleKeepsResourceAndMetric(String file, String resourceLabels, String metricType,
            String metricDisplayName, String metricLabels) {
        Alert alert = alert(bytes(file));

        assertThat(alert.resource().labels()).isEqualTo(stringMap(resourceLabels));
        assertThat(alert.metric().type()).isEqualTo(metricType);
        assertThat(alert.metric().displayName()).isEqualTo(metricDisplayName);
        assertThat(alert.metric().labels()).isEqualTo(stringMap(metricLabels));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # file                                               | content starts with                | mime type     | subject                                 | links
            cm-1.1-legacy-stackdriver-gcs.googlecloudplatform.json | ''                                 | ''            | -                                       | 0
            cm-1.2-gce-cpu-closed-google-docs-example.json       | 'TEST ALERT\\n\\npolicy.name='       | text/markdown | ALERT - No severity                     | 1
            cm-1.2-gce-netbytes-open-sev-critical.json           | kkkkkkkkkkkkkkkkkkk                | text/markdown | [ALERT - Critical] restartGce           | 0
            cm-1.2-uptime-url-open-2020.agilicus.json            | ''                                 | ''            | -                                       | 0
            cm-test-notification-version-test.cloudforet.json    | Test documentation                 | ''            | -                                       | 0
            cm-1.2-k8s-container-log-match-open.json             | ''                                 | ''            | [ALERT - Warning] payments OOM in logs  | 0
            cm-1.2-cloudsql-database-open-threshold-zero.json    | 'Deadlocks on `${resource.label.database_id}`.' | text/markdown | [ALERT - Error] orders-db deadlocks | 1
            cm-1.2-gce-cpu-closed-incident-cancelled.json        | ''                                 | ''            | [RESOLVED - No severity] high cpu       | 0
            cm-1.3-unknown-version-extra-keys.json               | NAT ports exhausted on nat-eu.     | text/markdown | [ALERT - Warning] nat port exhaustion   | 1
            """)
    void documentationIsReadAsObjectOrString(String file, String contentStart, String mimeType, String subject,
            int links) {
        Documentation documentation = alert(bytes(file)).documentation();

        assertThat(documentation.content()).startsWith(contentStart.replace("\\n", "\n"));
        if (contentStart.isEmpty()) {
            assertThat(documentation.content()).isEmpty();
        }
        assertThat(documentation.mimeType()).isEqualTo(mimeType);
        assertThat(documentation.subject()).isEqualTo(subject);
        assertThat(documentation.links()).hasSize(links);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # file                                               | condition name                       | policy id                                                | query starts with
            cm-1.1-legacy-stackdriver-gcs.googlecloudplatform.json | Bucket Usage                         | -                                                        | -
            cm-1.2-gce-cpu-closed-google-docs-example.json       | VM Instance - CPU utilization [MAX]  | projects/internal-project/alertPolicies/1234567890123456789 | metric.type="compute.googleapis.com/instance/cpu/utilization"
            cm-1.2-gce-netbytes-open-sev-critical.json           | VM Instance - Sent bytes             | projects/asia-pro-463111/alertPolicies/16449759919842446266 | resource.type = "gce_instance"
            cm-1.2-uptime-url-open-2020.agilicus.json            | Uptime Health Check on api-noc-users | -                                                        | -
            cm-test-notification-version-test.cloudforet.json    | Example condition                    | projects/12345/alertPolicies/12345                       | metric.type="test.googleapis.com/metric"
            cm-1.2-k8s-container-log-match-open.json             | Log match condition                  | projects/shop-prod-4a1c/alertPolicies/5823104927734512345 | resource.type="k8s_container"
            cm-1.2-prometheus-target-promql-open.json            | PromQL - high error ratio            | -                                                        | -
            cm-1.2-cloudsql-database-open-threshold-zero.json    | Cloud SQL Database - Deadlocks       | projects/shop-prod-4a1c/alertPolicies/9912873465012345678 | resource.type = "cloudsql_database"
            cm-1.3-unknown-version-extra-keys.json               | NAT Gateway - Dropped sent packets   | projects/ops-monitoring-01/alertPolicies/111             | metric.type = "router.googleapis.com/nat/dropped_sent_packets_count"
            """)
    void conditionNameIdAndQuery(String file, String conditionName, String policyId, String queryStart) {
        Alert alert = alert(bytes(file));

        assertThat(alert.conditionName()).isEqualTo(conditionName);
        assertThat(alert.policyId()).isEqualTo(policyId);
        if (policyId == null) {
            assertThat(alert.conditionId()).isNull();
        } else {
            assertThat(alert.conditionId()).startsWith(policyId + "/conditions/");
        }
        if (queryStart == null) {
            assertThat(alert.conditionQuery()).isNull();
        } else {
            assertThat(alert.conditionQuery()).startsWith(queryStart);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # file                                            | threshold | observed | observed number | cancelled
            cm-1.1-legacy-stackdriver-gcs.googlecloudplatform.json | -         | -        | -               | false
            cm-1.2-gce-cpu-closed-google-docs-example.json    | 0.9       | 0.835    | 0.835           | false
            cm-1.2-gce-netbytes-open-sev-critical.json        | 2000      | 5072.020 | 5072.020        | false
            cm-test-notification-version-test.cloudforet.json | 0.5       | 1.0      | 1.0             | false
            cm-1.2-k8s-container-log-match-open.json          | -         | -        | -               | false
            cm-1.2-cloudsql-database-open-threshold-zero.json | 0         | 0.033    | 0.033           | false
            cm-1.2-gce-cpu-closed-incident-cancelled.json     | 0.8       | 'Incident cancelled because the alert policy condition was deleted or modified while incident was active.' | - | true
            """)
    void thresholdObservedAndCancellation(String file, String threshold, String observed, String observedNumber,
            boolean cancelled) {
        Alert alert = alert(bytes(file));

        assertThat(alert.thresholdValue()).isEqualTo(threshold);
        assertThat(alert.observedValue()).isEqualTo(observed);
        assertThat(alert.observedNumber().map(Object::toString).orElse(null)).isEqualTo(observedNumber);
        assertThat(alert.cancelled()).isEqualTo(cancelled);
    }

    @Test
    void docsExampleKeepsLabelsLinksSummaryAndUrl() {
        Alert alert = alert(bytes("cm-1.2-gce-cpu-closed-google-docs-example.json"));

        assertThat(alert.policyUserLabels())
                .containsExactlyInAnyOrderEntriesOf(stringMap("{\"user-label-1\":\"important label\","
                        + "\"user-label-2\":\"another label\"}"));
        assertThat(alert.metadataUserLabels()).isEqualTo(stringMap("{\"labelkey\":\"labelvalue\"}"));
        assertThat(alert.systemLabels()).isEqualTo(stringMap("{\"labelkey\":\"labelvalue\"}"));
        assertThat(alert.documentation().links()).containsExactly(new Documentation.Link("Playbook",
                "https://myownpersonaldomain.com/playbook?name=${resource.name}"));
        assertThat(alert.summary()).startsWith("CPU utilization for internal-project").endsWith("0.835.");
        assertThat(alert.url()).isEqualTo(
                "https://console.cloud.google.com/monitoring/alerting/incidents/0.lxfiw61fsv7p?project=internal-project");
        assertThat(alert.scopingProjectId()).isEqualTo("internal-project");
        assertThat(alert.resource().displayName()).isEqualTo("gke-cluster-1-default-pool-e2df4cbd-dgp3");
        assertThat(alert.resource().typeDisplayName()).isEqualTo("VM Instance");
        assertThat(alert.resource().name()).isEqualTo("internal-project gke-cluster-1-default-pool-e2df4cbd-dgp3");
    }

    @Test
    void scopingProjectCanDifferFromResourceProjectAndKeepsAll64Bits() {
        Alert alert = alert(bytes("cm-1.3-unknown-version-extra-keys.json"));

        assertThat(alert.projectId()).isEqualTo("net-host-01");
        assertThat(alert.scopingProjectId()).isEqualTo("ops-monitoring-01");
        // 2^53 + 1: a parser that goes through double would give ...992
        assertThat(alert.scopingProjectNumber()).isEqualTo(9_007_199_254_740_993L);
    }

    @Test
    void testNotificationIsFlaggedWithZeroTimestampsAsUnknownTimes() {
        Alert alert = alert(bytes("cm-test-notification-version-test.cloudforet.json"));

        assertThat(alert.testNotification()).isTrue();
        assertThat(alert.rawState()).isEqualTo("OPEN");
        assertThat(alert.state()).isEqualTo(AlertState.FIRING);
        assertThat(alert.startedAt()).isNull();
        assertThat(alert.endedAt()).isNull();
        assertThat(alert.documentation().content()).isEqualTo("Test documentation");
        assertThat(alert.documentation().subject()).isNull();
    }

    @Test
    void cloudSqlAlertKeepsMetadataAndPolicyLabels() {
        Alert alert = alert(bytes("cm-1.2-cloudsql-database-open-threshold-zero.json"));

        assertThat(alert.systemLabels()).isEqualTo(stringMap("{\"name\":\"orders-db\"}"));
        assertThat(alert.metadataUserLabels()).isEqualTo(stringMap("{\"team\":\"orders\"}"));
        assertThat(alert.policyUserLabels()).isEqualTo(stringMap("{\"severity\":\"error\",\"team\":\"orders\"}"));
        assertThat(alert.thresholdNumber()).hasValueSatisfying(value -> assertThat(value).isZero());
        assertThat(alert.documentation().links()).containsExactly(
                new Documentation.Link("Runbook", "https://wiki.example.com/runbooks/cloudsql-deadlocks"));
    }
}
