package dev.firebreak.classify;

import dev.firebreak.alert.ConditionKind;

/**
 * The payloads in /work/shared/samples, as the ingester maps them to alerts (field for field).
 */
final class SampleAlerts {
    private SampleAlerts() {
    }

    /** cm-1.2-gce-cpu-closed-google-docs-example.json: CPU threshold, "no severity". */
    static TestAlert gceCpuDocsExample() {
        return TestAlert.alert()
                .incidentId("0.opqiw61fsv7p")
                .severity("no severity")
                .policy("Monitor-Project-Cluster")
                .policyLabel("user-label-1", "important label")
                .policyLabel("user-label-2", "another label")
                .condition("VM Instance - CPU utilization [MAX]")
                .query("metric.type=\"compute.googleapis.com/instance/cpu/utilization\" resource.type=\"gce_instance\" "
                        + "metadata.system_labels.\"state\"=\"ACTIVE\"")
                .resource("gce_instance", "instance_id", "11223344", "project_id", "internal-project", "zone",
                        "us-central1-c")
                .resourceDisplayName("gke-cluster-1-default-pool-e2df4cbd-dgp3")
                .resourceName("internal-project gke-cluster-1-default-pool-e2df4cbd-dgp3")
                .resourceTypeDisplayName("VM Instance")
                .metric("compute.googleapis.com/instance/cpu/utilization", "CPU utilization", "instance_name",
                        "the name of the VM instance")
                .threshold("0.9")
                .observed("0.835")
                .subject("ALERT - No severity")
                .summary("CPU utilization for internal-project gke-cluster-1-16-default-pool-e2df4cbd-dgp3 with metric "
                        + "labels {instance_name=gke-cluster-1-default-pool-e2df4cbd-dgp3} and system labels "
                        + "{state=ACTIVE} returned to normal with a value of 0.835.");
    }

    /** cm-1.2-gce-netbytes-open-sev-critical.json: non-ASCII policy name, severity Critical. */
    static TestAlert gceNetBytesCritical() {
        return TestAlert.alert()
                .incidentId("0.nwg9th6llz4w")
                .severity("Critical")
                .policy("重启Gce")
                .policyLabel("restart_key", "restart_value")
                .condition("VM Instance - Sent bytes")
                .resource("gce_instance", "instance_id", "3453121075891706391", "project_id", "asia-pro-463111",
                        "zone", "asia-southeast1-c")
                .resourceDisplayName("asia-pay-template")
                .resourceName("asia-pro-463111 asia-pay-template")
                .resourceTypeDisplayName("VM Instance")
                .metric("compute.googleapis.com/instance/network/sent_bytes_count", "Sent bytes", "loadbalanced",
                        "false")
                .threshold("2000")
                .observed("5072.020")
                .subject("[ALERT - Critical] restartGce")
                .documentation("kkkkkkkkkkkkkkkkkkk")
                .summary("Sent bytes for asia-pro-463111 asia-pay-template with metric labels {loadbalanced=false} is "
                        + "above the threshold of 2000.000 with a value of 5072.020.");
    }

    /** cm-1.2-uptime-url-open-2020.agilicus.json: old uptime shape, no metric, no condition, no severity. */
    static TestAlert uptimeAgilicus() {
        return TestAlert.alert()
                .incidentId("0.ligwyr056k2l")
                .kind(ConditionKind.UNKNOWN)
                .policy("api - noc - users")
                .condition("Uptime Health Check on api-noc-users")
                .resource("uptime_url", "host", "MYHOST")
                .resourceName("Uptime Check URL labels {host=MYHOST}")
                .summary("An uptime check on Uptime Check URL labels {host=MYHOST} is failing.");
    }

    /** cm-test-notification-version-test.cloudforet.json: the console's "send test notification". */
    static TestAlert testNotification() {
        return TestAlert.alert()
                .incidentId("12345")
                .testNotification()
                .policy("projects/12345/alertPolicies/12345")
                .policyLabel("example", "label")
                .condition("Example condition")
                .query("metric.type=\"test.googleapis.com/metric\" resource.type=\"example_resource\"")
                .resource("example_resource", "example", "label")
                .resourceDisplayName("Example Resource")
                .resourceName("projects/12345/example_resources/12345")
                .resourceTypeDisplayName("Example Resource Type")
                .metric("test.googleapis.com/metric", "Test Metric", "example", "label")
                .threshold("0.5")
                .observed("1.0")
                .documentation("Test documentation")
                .summary("Test Incident");
    }

    /** cm-1.1-legacy-stackdriver-gcs.googlecloudplatform.json: schema 1.1, almost nothing but names. */
    static TestAlert legacyStackdriver() {
        return TestAlert.alert()
                .incidentId("f2e08c333dc64cb09f75eaab355393bz")
                .schemaVersion("1.1")
                .kind(ConditionKind.UNKNOWN)
                .policy("Unused Bucket Objects")
                .condition("Bucket Usage")
                .resourceName("$IDLE_BUCKET_NAME")
                .summary("storage.googleapis.com/storage/request_count  is below a threshold of .01 for greater than "
                        + "23 hours 30 minutes");
    }
}
