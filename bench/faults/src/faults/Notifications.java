package faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Real-shaped Cloud Monitoring notifications, each a distinct alert, wrapped as Pub/Sub push envelopes. */
final class Notifications {
    private final String run;
    private final long baseEpoch = Instant.now().getEpochSecond() - 3600;

    Notifications(String run) {
        this.run = run;
    }

    /** The source incident id of alert {@code n} of this run. */
    String sourceIncidentId(int n) {
        return "0.fault-" + run + "-" + n;
    }

    /** The notification JSON for alert {@code n}, open or closed; every alert has its own grouping key. */
    String notification(int n, boolean closed) {
        String severity = n % 2 == 0 ? "Warning" : "Critical";
        long started = baseEpoch + n;
        String instance = run + "-" + n;
        return "{\"incident\":{\"condition\":{\"conditionThreshold\":{\"comparison\":\"COMPARISON_GT\",\"duration\":\"0s\","
                + "\"filter\":\"resource.type = \\\"gce_instance\\\" AND metric.type = \\\"compute.googleapis.com/instance/cpu/utilization\\\"\","
                + "\"thresholdValue\":0.9},\"displayName\":\"VM Instance - CPU utilization\","
                + "\"name\":\"projects/fault-proj/alertPolicies/777/conditions/888\"},"
                + "\"condition_name\":\"VM Instance - CPU utilization\","
                + "\"documentation\":{\"content\":\"Check the instance.\",\"mime_type\":\"text/markdown\",\"subject\":\"CPU high\"},"
                + "\"ended_at\":" + (closed ? Long.toString(started + 60) : "null") + ","
                + "\"incident_id\":\"" + sourceIncidentId(n) + "\","
                + "\"metadata\":{\"system_labels\":{},\"user_labels\":{}},"
                + "\"metric\":{\"displayName\":\"CPU utilization\",\"labels\":{},\"type\":\"compute.googleapis.com/instance/cpu/utilization\"},"
                + "\"observed_value\":\"0.97\",\"policy_name\":\"Fault test CPU\",\"policy_user_labels\":{},"
                + "\"resource\":{\"labels\":{\"instance_id\":\"" + instance + "\",\"project_id\":\"fault-proj\",\"zone\":\"us-east1-b\"},"
                + "\"type\":\"gce_instance\"},\"resource_display_name\":\"vm-" + instance + "\",\"resource_id\":\"\","
                + "\"resource_name\":\"fault-proj vm-" + instance + "\",\"resource_type_display_name\":\"VM Instance\","
                + "\"scoping_project_id\":\"fault-proj\",\"scoping_project_number\":1234567890,\"severity\":\"" + severity + "\","
                + "\"started_at\":" + started + ",\"state\":\"" + (closed ? "closed" : "open") + "\","
                + "\"summary\":\"CPU utilization for fault-proj vm-" + instance + " is above the threshold of 0.900 with a value of 0.970.\","
                + "\"threshold_value\":\"0.9\",\"url\":\"https://console.cloud.google.com/monitoring/alerting/alerts/"
                + sourceIncidentId(n) + "?project=fault-proj\"},\"version\":\"1.2\"}";
    }

    /** A wrapped push envelope carrying {@code json} under {@code messageId}. */
    static byte[] envelope(String messageId, String json, int deliveryAttempt) {
        String data = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return ("{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"" + messageId + "\",\"publishTime\":\""
                + Instant.now() + "\",\"attributes\":{}},\"subscription\":\"projects/fault-proj/subscriptions/firebreak-push\","
                + "\"deliveryAttempt\":" + deliveryAttempt + "}").getBytes(StandardCharsets.UTF_8);
    }
}
