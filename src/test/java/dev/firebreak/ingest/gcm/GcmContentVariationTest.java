package dev.firebreak.ingest.gcm;

import static dev.firebreak.ingest.gcm.GcmFixtures.alert;
import static dev.firebreak.ingest.gcm.GcmFixtures.baseWith;
import static dev.firebreak.ingest.gcm.GcmFixtures.baseWithIncidentField;
import static dev.firebreak.ingest.gcm.GcmFixtures.bytes;
import static dev.firebreak.ingest.gcm.GcmFixtures.incident;
import static dev.firebreak.ingest.gcm.GcmFixtures.minimalWith;
import static dev.firebreak.ingest.gcm.GcmFixtures.stringMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.ConditionKind;

/**
 * Structural variations of wire-formats §5 items 14, 15, 16, 19, 20, 22 and 24: metric sentinels, empty strings,
 * condition kinds (declared or inferred), project fallbacks, Unicode and unknown keys.
 */
class GcmContentVariationTest {

    @ParameterizedTest(name = "metric {0}")
    @CsvSource(delimiterString = "|", textBlock = """
            # metric literal                                                                         | type                    | display name | labels
            {"type":"__missing__","displayName":"__missing__","labels":{"value":"0.97","job":"api"}} | ''                      | ''           | {"value":"0.97","job":"api"}
            {"type":"","displayName":"","labels":{}}                                                 | ''                      | ''           | {}
            {"type":"custom.googleapis.com/q"}                                                       | custom.googleapis.com/q | ''           | {}
            {"type":"a","labels":{"n":5,"b":true,"nil":null}}                                        | a                       | ''           | {"n":"5","b":"true"}
            "compute.googleapis.com/instance/cpu/utilization"                                        | ''                      | ''           | {}
            null                                                                                     | ''                      | ''           | {}
            <absent>                                                                                 | ''                      | ''           | {}
            """)
    void metricSentinelsAndEmptyStringsBecomeEmptyWithLabelsKept(String literal, String type, String displayName,
            String labels) {
        Alert alert = alert(baseWithIncidentField("metric", literal));

        assertThat(alert.metric().type()).isEqualTo(type);
        assertThat(alert.metric().displayName()).isEqualTo(displayName);
        assertThat(alert.metric().labels()).isEqualTo(stringMap(labels));
    }

    static Stream<Arguments> conditionKinds() {
        return Stream.of(
                arguments("{\"condition\":{\"conditionThreshold\":{\"filter\":\"metric.type=\\\"a\\\"\"}}}",
                        ConditionKind.METRIC_THRESHOLD, "metric.type=\"a\""),
                arguments("{\"condition\":{\"conditionAbsent\":{\"filter\":\"metric.type=\\\"b\\\"\",\"duration\":\"300s\"}}}",
                        ConditionKind.METRIC_ABSENCE, "metric.type=\"b\""),
                arguments("{\"condition\":{\"conditionMatchedLog\":{\"filter\":\"severity>=ERROR\"}}}",
                        ConditionKind.LOG_MATCH, "severity>=ERROR"),
                arguments("{\"condition\":{\"conditionMonitoringQueryLanguage\":{\"query\":\"fetch gce_instance | "
                        + "metric 'compute.googleapis.com/instance/cpu/utilization' | condition val() > 0.9\"}}}",
                        ConditionKind.MQL, "fetch gce_instance | metric "
                                + "'compute.googleapis.com/instance/cpu/utilization' | condition val() > 0.9"),
                arguments("{\"condition\":{\"conditionPrometheusQueryLanguage\":{\"query\":\"rate(errors_total[5m]) > 1\"}}}",
                        ConditionKind.PROMQL, "rate(errors_total[5m]) > 1"),
                arguments("{\"condition\":{\"name\":\"projects/p/alertPolicies/1/conditions/2\",\"conditionSql\":"
                        + "{\"query\":\"SELECT severity FROM `p.global._Default._AllLogs`\",\"booleanTest\":{\"column\":\"x\"}}}}",
                        ConditionKind.SQL, "SELECT severity FROM `p.global._Default._AllLogs`"),
                arguments(
                        "{\"condition\":{\"conditionFutureKind\":{\"expr\":\"x\"}},\"metric\":{\"type\":\"a.googleapis.com/m\"}}",
                        ConditionKind.METRIC_THRESHOLD, null),
                // no condition object: the kind is inferred from resource, metric and summary
                arguments("{\"resource\":{\"type\":\"uptime_url\",\"labels\":{\"host\":\"h\"}}}",
                        ConditionKind.UPTIME_CHECK, null),
                arguments("{\"resource\":{\"type\":\"gce_instance\"},"
                        + "\"metric\":{\"type\":\"monitoring.googleapis.com/uptime_check/check_passed\"}}",
                        ConditionKind.UPTIME_CHECK, null),
                arguments("{\"resource\":{\"type\":\"prometheus_target\",\"labels\":{\"namespace\":\"n\"}},"
                        + "\"metric\":{\"type\":\"__missing__\",\"labels\":{\"value\":\"1\"}}}",
                        ConditionKind.PROMQL, null),
                arguments("{\"summary\":\"Log match condition fired for Kubernetes Container with {pod_name=p}.\","
                        + "\"metric\":{\"type\":\"\",\"displayName\":\"\"}}", ConditionKind.LOG_MATCH, null),
                arguments("{\"metric\":{\"type\":\"compute.googleapis.com/instance/cpu/utilization\"}}",
                        ConditionKind.METRIC_THRESHOLD, null),
                arguments("{\"condition\":\"conditionThreshold\"}", ConditionKind.UNKNOWN, null),
                arguments("{\"condition\":null}", ConditionKind.UNKNOWN, null),
                arguments("{}", ConditionKind.UNKNOWN, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionKinds")
    void conditionKindIsReadOrInferred(String incidentFields, ConditionKind kind, String query) {
        Alert alert = alert(minimalWith(incidentFields));

        assertThat(alert.conditionKind()).isEqualTo(kind);
        assertThat(alert.conditionQuery()).isEqualTo(query);
    }

    static Stream<Arguments> emptyStrings() {
        return Stream.<Arguments>of(
                arguments("policy_name", (Function<Alert, Object>) Alert::policyName, null),
                arguments("summary", (Function<Alert, Object>) Alert::summary, null),
                arguments("url", (Function<Alert, Object>) Alert::url, null),
                arguments("scoping_project_id", (Function<Alert, Object>) Alert::scopingProjectId, null),
                arguments("resource_display_name", (Function<Alert, Object>) a -> a.resource().displayName(), null),
                arguments("resource_name", (Function<Alert, Object>) a -> a.resource().name(), null),
                arguments("resource_id", (Function<Alert, Object>) Alert::sourceIncidentId, "0.nwg9th6llz4w"),
                // an empty condition_name falls back to the condition's display name
                arguments("condition_name", (Function<Alert, Object>) Alert::conditionName, "VM Instance - Sent bytes"));
    }

    @ParameterizedTest(name = "{0} = \"\"")
    @MethodSource("emptyStrings")
    void emptyStringsAreTreatedAsAbsent(String field, Function<Alert, Object> read, Object expected) {
        Alert alert = alert(baseWithIncidentField(field, "\"\""));

        assertThat(read.apply(alert)).isEqualTo(expected);
    }

    @Test
    void emptyDocumentationContentAndMimeTypeStayEmpty() {
        Alert alert = alert(baseWithIncidentField("documentation", "{\"content\":\"\",\"mime_type\":\"\",\"subject\":\"\"}"));

        assertThat(alert.documentation().content()).isEmpty();
        assertThat(alert.documentation().mimeType()).isEmpty();
        assertThat(alert.documentation().subject()).isNull();
    }

    @ParameterizedTest(name = "documentation {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # documentation literal                                   | content      | mime type     | subject
            "plain string"                                            | plain string | ''            | -
            {"content":"c","mimeType":"text/plain"}                   | c            | text/plain    | -
            {"content":"c","mime_type":"text/markdown","subject":"s"} | c            | text/markdown | s
            42                                                        | ''           | ''            | -
            null                                                      | ''           | ''            | -
            <absent>                                                  | ''           | ''            | -
            """)
    void documentationIsObjectStringOrNothing(String literal, String content, String mimeType, String subject) {
        Alert alert = alert(baseWithIncidentField("documentation", literal));

        assertThat(alert.documentation().content()).isEqualTo(content);
        assertThat(alert.documentation().mimeType()).isEqualTo(mimeType);
        assertThat(alert.documentation().subject()).isEqualTo(subject);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # incident fields                                                                                | project id
            {"resource":{"labels":{"project_id":"res-p"}},"scoping_project_id":"scope-p","url":"https://x/?project=url-p"} | res-p
            {"resource":{"labels":{}},"scoping_project_id":"scope-p","url":"https://x/?project=url-p"}        | scope-p
            {"url":"https://console.cloud.google.com/monitoring/alerting/alerts/0.x?channelType=cloud-pubsub&project=url-p"} | url-p
            {"url":"https://app.google.stackdriver.com/incidents/0.x"}                                      | -
            {"url":"http://exa mple.com/?project=bad"}                                                      | -
            {}                                                                                               | -
            """)
    void projectFallsBackFromResourceToScopingToUrl(String incidentFields, String projectId) {
        assertThat(alert(minimalWith(incidentFields)).projectId()).isEqualTo(projectId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            # policy name literal           | expected
            "重启Gce"                       | 重启Gce
            "\\u91cd\\u542fGce"             | 重启Gce
            "Ünïcödé políçy 🔥"             | Ünïcödé políçy 🔥
            "سياسة التنبيه"                 | سياسة التنبيه
            "dev 👩‍💻 team"                   | dev 👩‍💻 team
            """)
    void nonAsciiNamesAreKeptExactly(String literal, String expected) {
        Alert alert = alert(baseWith(root -> {
            GcmFixtures.put(incident(root), "policy_name", literal);
            GcmFixtures.put(incident(root), "summary", literal);
        }));

        assertThat(alert.policyName()).isEqualTo(expected);
        assertThat(alert.summary()).isEqualTo(expected);
    }

    @Test
    void unknownKeysAtEveryLevelDoNotChangeTheAlert() {
        Alert plain = alert(bytes(GcmFixtures.BASE_SAMPLE));
        Alert withExtras = alert(baseWith(root -> {
            root.put("handler", "relay").put("timestamp", "2026-11-24T08:00:00Z").put("url", "https://relay/x");
            ObjectNode incident = incident(root);
            incident.put("apigee_url", "http://www.example.com").set("future", GcmFixtures.json("{\"a\":[1,{}]}"));
            ((ObjectNode) incident.get("resource")).put("extra", true);
            ((ObjectNode) incident.get("metric")).put("unit", "By");
            ((ObjectNode) incident.get("metadata")).put("extra", 1);
            ((ObjectNode) incident.get("condition")).put("severityOverride", "HIGH");
            ((ObjectNode) incident.get("documentation")).put("format_version", 2)
                    .set("links", GcmFixtures.json("[{\"displayName\":\"d\",\"url\":\"https://d\",\"icon\":\"x\"}]"));
        }));

        assertThat(withExtras).usingRecursiveComparison().ignoringFields("documentation.links").isEqualTo(plain);
        assertThat(withExtras.documentation().links()).singleElement()
                .satisfies(link -> assertThat(link.url()).isEqualTo("https://d"));
    }

    @Test
    void nonStringSystemLabelsAreStringified() {
        Alert alert = alert(baseWith(root -> ((ObjectNode) incident(root).get("metadata")).set("system_labels",
                GcmFixtures.json("{\"name\":\"db\",\"replicas\":3,\"ha\":true,\"zones\":[\"a\",\"b\"]}"))));

        assertThat(alert.systemLabels()).isEqualTo(
                stringMap("{\"name\":\"db\",\"replicas\":\"3\",\"ha\":\"true\",\"zones\":\"[\\\"a\\\",\\\"b\\\"]\"}"));
    }
}
