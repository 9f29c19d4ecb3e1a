package dev.firebreak.classify;

import static dev.firebreak.classify.TestAlert.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.alert.ConditionKind;
import dev.firebreak.alert.Severity;

/**
 * Every shipped rule, hit by a real-shaped alert, with the severity and the exact reason a human reads.
 */
class BuiltInRulesTest {
    private static final Classifier CLASSIFIER = Classifier.builtIn();

    static Stream<Arguments> ruleHits() {
        return Stream.of(
                hit("label-firebreak-severity-critical", Severity.CRITICAL,
                        "critical: policy label firebreak_severity=P1",
                        SampleAlerts.gceNetBytesCritical().policyLabel("firebreak_severity", "P1")),
                hit("label-firebreak-severity-warning", Severity.WARNING,
                        "warning: policy label firebreak_severity=warn",
                        SampleAlerts.gceNetBytesCritical().policyLabel("firebreak_severity", "warn")),
                hit("label-firebreak-severity-info", Severity.INFO,
                        "info: policy label firebreak_severity=low",
                        SampleAlerts.gceNetBytesCritical().policyLabel("firebreak_severity", "low")),
                hit("label-severity-critical", Severity.CRITICAL, "critical: policy label severity=p1",
                        SampleAlerts.gceCpuDocsExample().policyLabel("severity", "p1")),
                hit("label-severity-warning", Severity.WARNING, "warning: policy label severity=sev3",
                        SampleAlerts.gceNetBytesCritical().policyLabel("severity", "sev3")),
                hit("label-severity-info", Severity.INFO, "info: policy label severity=Informational",
                        SampleAlerts.gceNetBytesCritical().policyLabel("severity", "Informational")),
                hit("policy-severity-critical", Severity.CRITICAL, "critical: policy severity is Critical",
                        SampleAlerts.gceNetBytesCritical()),
                hit("policy-severity-critical", Severity.CRITICAL, "critical: policy severity is Error",
                        SampleAlerts.gceNetBytesCritical().severity("Error")),
                hit("policy-severity-warning", Severity.WARNING, "warning: policy severity is Warning",
                        SampleAlerts.gceNetBytesCritical().severity("WARNING")),
                hit("uptime-check-failing", Severity.CRITICAL,
                        "critical: uptime check is failing (resource type: uptime_url)",
                        SampleAlerts.uptimeAgilicus()),
                hit("uptime-check-failing", Severity.CRITICAL,
                        "critical: uptime check is failing (resource type: uptime_url)",
                        alert().policy("checkout uptime")
                                .condition("Failure of uptime check_id checkout-https")
                                .resource("uptime_url", "host", "shop.example.com", "project_id", "shop-prod")
                                .metric("monitoring.googleapis.com/uptime_check/check_passed", "Check passed",
                                        "check_id", "checkout-https", "checker_location", "eur-belgium")
                                .threshold("1")
                                .observed("0.000")),
                hit("uptime-check-failing", Severity.CRITICAL,
                        "critical: uptime check is failing (metric type: monitoring.googleapis.com/uptime_check/check_passed)",
                        alert().policy("checkout uptime")
                                .condition("Check passed")
                                .metric("monitoring.googleapis.com/uptime_check/check_passed", "Check passed")),
                hit("uptime-check-failing", Severity.CRITICAL,
                        "critical: uptime check is failing (summary: An uptime check on checkout is failing.)",
                        alert().policy("legacy uptime")
                                .condition("Health check")
                                .kind(ConditionKind.UNKNOWN)
                                .summary("An uptime check on checkout is failing.")),
                hit("cloudsql-down", Severity.CRITICAL,
                        "critical: Cloud SQL database is down or failing over (metric type: cloudsql.googleapis.com/database/up)",
                        alert().policy("orders-db availability")
                                .condition("Cloud SQL Database - Server up")
                                .resource("cloudsql_database", "database_id", "shop-prod:orders-db", "project_id",
                                        "shop-prod", "region", "europe-west1")
                                .metric("cloudsql.googleapis.com/database/up", "Server up")
                                .threshold("1")
                                .observed("0.000")),
                hit("cloudsql-down", Severity.CRITICAL,
                        "critical: Cloud SQL database is down or failing over (condition name: Cloud SQL instance failover)",
                        alert().policy("orders-db events")
                                .condition("Cloud SQL instance failover")
                                .logFilter("resource.type=\"cloudsql_database\" protoPayload.methodName="
                                        + "\"cloudsql.instances.failover\"")
                                .resource("cloudsql_database", "database_id", "shop-prod:orders-db")),
                hit("availability-metric-zero", Severity.CRITICAL,
                        "critical: availability metric reports down (metric type: prometheus.googleapis.com/up/gauge)",
                        alert().policy("scrape targets")
                                .condition("Prometheus Target - up")
                                .resource("prometheus_target", "namespace", "checkout", "job", "checkout")
                                .metric("prometheus.googleapis.com/up/gauge", "up")
                                .threshold("1")
                                .observed("0")),
                hit("availability-metric-zero", Severity.CRITICAL,
                        "critical: availability metric reports down (condition query: up{job=\"checkout\"} == 0)",
                        alert().policy("checkout scrape")
                                .condition("PromQL")
                                .kind(ConditionKind.PROMQL)
                                .query("up{job=\"checkout\"} == 0")
                                .resource("prometheus_target", "namespace", "checkout")
                                .metric("__missing__", "__missing__", "value", "0")
                                .summary("Condition \"PromQL\" was true for the last 2m0s alert started.")),
                hit("service-down", Severity.CRITICAL,
                        "critical: service reported down (policy name: Checkout API is down)",
                        alert().policy("Checkout API is down")
                                .condition("Absent requests")
                                .kind(ConditionKind.METRIC_ABSENCE)
                                .metric("run.googleapis.com/request_count", "Request Count")),
                hit("http-5xx-errors", Severity.CRITICAL,
                        "critical: server errors or error rate (metric label: response_code_class=500)",
                        alert().policy("frontend LB")
                                .condition("https/request_count")
                                .resource("https_lb_rule", "url_map_name", "frontend", "project_id", "shop-prod")
                                .metric("loadbalancing.googleapis.com/https/request_count", "Request count",
                                        "response_code_class", "500", "cache_result", "DISABLED")
                                .threshold("5")
                                .observed("42.5")),
                hit("http-5xx-errors", Severity.CRITICAL,
                        "critical: server errors or error rate (policy name: Frontend 5xx error rate)",
                        alert().policy("Frontend 5xx error rate")
                                .condition("ratio above 2%")
                                .kind(ConditionKind.MQL)),
                hit("pod-crash-looping", Severity.CRITICAL,
                        "critical: pods are crash-looping (condition query: Back-off restarting failed container)",
                        alert().policy("k8s container events")
                                .condition("Log match: back-off")
                                .logFilter("resource.type=\"k8s_container\" resource.labels.namespace_name=\"shop\" "
                                        + "textPayload:\"Back-off restarting failed container\"")
                                .resource("k8s_container", "cluster_name", "prod", "namespace_name", "shop",
                                        "pod_name", "cart-7d9c", "container_name", "cart")
                                .summary("Log match condition fired for Kubernetes Container with {cluster_name=prod, "
                                        + "container_name=cart, namespace_name=shop, pod_name=cart-7d9c}.")),
                hit("pod-crash-looping", Severity.CRITICAL,
                        "critical: pods are crash-looping (metric type: kubernetes.io/container/restart_count)",
                        alert().policy("restarts")
                                .condition("Kubernetes Container - Restart count")
                                .resource("k8s_container", "container_name", "cart")
                                .metric("kubernetes.io/container/restart_count", "Restart count")
                                .threshold("3")
                                .observed("7")),
                hit("data-loss-risk", Severity.CRITICAL,
                        "critical: data-loss risk (metric type: cloudsql.googleapis.com/database/disk/utilization)",
                        alert().policy("orders-db storage")
                                .condition("Cloud SQL Database - Disk utilization")
                                .resource("cloudsql_database", "database_id", "shop-prod:orders-db")
                                .metric("cloudsql.googleapis.com/database/disk/utilization", "Disk utilization")
                                .threshold("0.9")
                                .observed("1.000")),
                hit("data-loss-risk", Severity.CRITICAL,
                        "critical: data-loss risk (policy name: Replication broken on orders replica)",
                        alert().policy("Replication broken on orders replica").condition("replica state")),
                hit("cloudsql-maintenance", Severity.INFO,
                        "info: Cloud SQL maintenance (policy name: orders-db maintenance notice)",
                        alert().policy("orders-db maintenance notice")
                                .condition("maintenance log entry")
                                .logFilter("resource.type=\"cloudsql_database\" protoPayload.methodName="
                                        + "\"cloudsql.instances.update\"")
                                .resource("cloudsql_database", "database_id", "shop-prod:orders-db")
                                .summary("Log match condition fired for Cloud SQL Database with "
                                        + "{database_id=shop-prod:orders-db}.")),
                hit("planned-maintenance", Severity.INFO,
                        "info: planned maintenance (condition query: migrateOnHostMaintenance)",
                        alert().policy("GCE host events")
                                .condition("host event")
                                .logFilter("resource.type=\"gce_instance\" protoPayload.methodName="
                                        + "\"compute.instances.migrateOnHostMaintenance\"")
                                .resource("gce_instance", "instance_id", "123", "zone", "europe-west1-b")),
                hit("upgrade-notification", Severity.INFO,
                        "info: upgrade notification (policy name: GKE cluster upgrade notifications)",
                        alert().policy("GKE cluster upgrade notifications")
                                .condition("Upgrade events")
                                .logFilter("resource.type=\"gke_cluster\" logName=\"projects/shop-prod/logs/"
                                        + "container.googleapis.com%2Fnotifications\" jsonPayload.\"@type\"="
                                        + "\"type.googleapis.com/google.container.v1beta1.UpgradeEvent\"")
                                .resource("gke_cluster", "cluster_name", "prod", "location", "europe-west1")),
                hit("upgrade-notification", Severity.INFO, "info: upgrade notification (condition query: upgrade)",
                        alert().policy("cluster notices")
                                .condition("notice")
                                .logFilter("logName:\"container.googleapis.com%2Fnotifications\" "
                                        + "jsonPayload.upgradeType:*")),
                hit("config-change", Severity.INFO,
                        "info: deployment or configuration change (condition query: protoPayload.methodName=\"io.k8s.apps.v1.deployments.patch\")",
                        alert().policy("workload changes")
                                .condition("audit: deployment patched")
                                .logFilter("protoPayload.methodName=\"io.k8s.apps.v1.deployments.patch\"")
                                .resource("k8s_cluster", "cluster_name", "prod")),
                hit("config-change", Severity.INFO,
                        "info: deployment or configuration change (policy name: Production deploys)",
                        alert().policy("Production deploys")
                                .condition("new release")
                                .logFilter("resource.type=\"build\" jsonPayload.status=\"SUCCESS\"")),
                hit("certificate-expiring", Severity.WARNING,
                        "warning: certificate or credential expiring (metric type: certmanager)",
                        alert().policy("cert-manager")
                                .condition("PromQL")
                                .metric("prometheus.googleapis.com/certmanager_certificate_expiration_timestamp_seconds/gauge",
                                        "certmanager_certificate_expiration_timestamp_seconds")),
                hit("certificate-expiring", Severity.WARNING,
                        "warning: certificate or credential expiring (policy name: TLS certificate expires in 14 days)",
                        alert().policy("TLS certificate expires in 14 days").condition("days remaining")),
                hit("quota-limit", Severity.WARNING,
                        "warning: quota or limit is close (metric type: serviceruntime.googleapis.com/quota/allocation/usage)",
                        alert().policy("project quotas")
                                .condition("CPUS_ALL_REGIONS usage")
                                .resource("consumer_quota", "service", "compute.googleapis.com")
                                .metric("serviceruntime.googleapis.com/quota/allocation/usage", "Allocation usage")),
                hit("disk-pressure", Severity.WARNING,
                        "warning: disk pressure (metric type: agent.googleapis.com/disk/percent_used)",
                        alert().policy("VM disks")
                                .condition("VM Instance - Disk utilization")
                                .resource("gce_instance", "instance_id", "123")
                                .metric("agent.googleapis.com/disk/percent_used", "Disk utilization", "device",
                                        "sda1", "state", "used")
                                .threshold("80")
                                .observed("85.3")),
                hit("memory-pressure", Severity.WARNING,
                        "warning: memory pressure (metric type: kubernetes.io/container/memory/limit_utilization)",
                        alert().policy("cart memory")
                                .condition("Kubernetes Container - Memory limit utilization")
                                .resource("k8s_container", "container_name", "cart")
                                .metric("kubernetes.io/container/memory/limit_utilization", "Memory limit utilization")
                                .threshold("0.9")
                                .observed("0.93")),
                hit("cpu-pressure", Severity.WARNING,
                        "warning: CPU pressure (metric type: compute.googleapis.com/instance/cpu/utilization)",
                        SampleAlerts.gceCpuDocsExample()),
                hit("latency-degradation", Severity.WARNING,
                        "warning: latency degradation (metric type: loadbalancing.googleapis.com/https/total_latencies)",
                        alert().policy("frontend LB")
                                .condition("p95 latency")
                                .metric("loadbalancing.googleapis.com/https/total_latencies", "Total latency")
                                .threshold("800")
                                .observed("1250")));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("ruleHits")
    void classifiesWithExpectedRuleSeverityAndReason(String ruleId, Severity severity, String reason,
            TestAlert alert) {
        Classification classification = CLASSIFIER.classify(alert.build());

        assertThat(classification.ruleId()).isEqualTo(ruleId);
        assertThat(classification.severity()).isEqualTo(severity);
        assertThat(classification.reason()).isEqualTo(reason);
    }

    @Test
    void everyShippedRuleIsHitByAtLeastOneCase() {
        Set<String> hit = ruleHits().map(arguments -> (String) arguments.get()[0]).collect(Collectors.toSet());
        List<String> shipped = ClassificationCatalog.builtIn().rules().stream().map(ClassificationRule::id).toList();

        assertThat(hit).containsExactlyInAnyOrderElementsOf(shipped);
    }

    @Test
    void shippedCatalogDefaultsToWarning() {
        assertThat(ClassificationCatalog.builtIn().defaultSeverity()).isEqualTo(Severity.WARNING);
    }

    static Stream<Arguments> unmatchedAlerts() {
        return Stream.of(
                Arguments.of("sent bytes without severity", SampleAlerts.gceNetBytesCritical().severity(null)),
                Arguments.of("console test notification", SampleAlerts.testNotification()),
                Arguments.of("legacy 1.1 payload", SampleAlerts.legacyStackdriver()),
                Arguments.of("unknown severity label and no severity",
                        SampleAlerts.gceNetBytesCritical().severity("No severity").policyLabel("severity", "bogus")),
                Arguments.of("nearly empty alert", alert().incidentId("0.empty").kind(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unmatchedAlerts")
    void fallsBackToWarningDefault(String name, TestAlert alert) {
        Classification classification = CLASSIFIER.classify(alert.build());

        assertThat(classification.severity()).isEqualTo(Severity.WARNING);
        assertThat(classification.reason()).isEqualTo("warning: no rule matched (default)");
        assertThat(classification.ruleId()).isEqualTo(Classification.DEFAULT_RULE_ID);
        assertThat(classification.isDefault()).isTrue();
    }

    private static Arguments hit(String ruleId, Severity severity, String reason, TestAlert alert) {
        return Arguments.of(ruleId, severity, reason, alert);
    }
}
