package dev.firebreak.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.testsupport.Payloads;

/**
 * A small but realistic day of work, driven through a service's public interfaces only (Pub/Sub push and the REST
 * API), so every table gets rows the way that service's own SQL writes them: incidents in every status (open,
 * acknowledged with a completed step and a note, resolved by a person, closed after the review, resolved by itself
 * when its alert cleared), source alerts, the inbox with a duplicate delivery, the quarantine, timeline and outbox.
 */
final class Workload {
    /** Cloud Monitoring incident ids of the alerts, by what happens to their incident. */
    static final String ACKNOWLEDGED = "compat-acknowledged";
    static final String OPEN = "compat-open";
    static final String RESOLVED = "compat-resolved";
    static final String CLOSED = "compat-closed";
    static final String AUTO_RESOLVED = "compat-auto-resolved";
    /** The pod of the incident left open: another alert on it groups with that incident. */
    static final String OPEN_POD = "checkout-7d9f-open";

    private Workload() {
    }

    /** Runs the workload against {@code api}; returns the incident ids by Cloud Monitoring incident id. */
    static Map<String, Long> run(ApiClient api) {
        Map<String, Long> ids = new LinkedHashMap<>();

        ObjectNode critical = Payloads.sample("cm-1.2-gce-netbytes-open-sev-critical.json");
        ((ObjectNode) critical.get("incident")).put("incident_id", ACKNOWLEDGED);
        api.push(critical);
        long acknowledged = api.idOf(ACKNOWLEDGED);
        ids.put(ACKNOWLEDGED, acknowledged);
        api.command(acknowledged, "/acknowledge", "{\"actor\":\"alice\"}");
        api.command(acknowledged, "/steps/assess_impact/complete",
                "{\"actor\":\"alice\",\"note\":\"egress of one VM only, no customer impact\"}");
        api.command(acknowledged, "/notes", "{\"actor\":\"bob\",\"text\":\"capturing a pcap before restarting\"}");

        String openEnvelope = Payloads.envelope(Payloads.bytes(k8s(OPEN, "open", OPEN_POD, "Warning")), "compat-1001");
        api.pushEnvelope(openEnvelope, 204);
        api.pushEnvelope(openEnvelope, 204); // a redelivery: absorbed by the inbox
        ids.put(OPEN, api.idOf(OPEN));

        api.push(k8s(RESOLVED, "open", "checkout-7d9f-resolved", "Error"));
        long resolved = api.idOf(RESOLVED);
        ids.put(RESOLVED, resolved);
        api.command(resolved, "/resolve", "{\"actor\":\"carol\",\"note\":\"rolled back release 412\"}");

        api.push(k8s(CLOSED, "open", "checkout-7d9f-closed", "Critical"));
        long closed = api.idOf(CLOSED);
        ids.put(CLOSED, closed);
        api.command(closed, "/resolve", "{\"actor\":\"dave\",\"note\":\"node pool replaced\"}");
        api.command(closed, "/steps/post_incident_review/complete",
                "{\"actor\":\"dave\",\"note\":\"postmortem PM-77 filed\"}");

        api.push(k8s(AUTO_RESOLVED, "open", "checkout-7d9f-flappy", "Warning"));
        api.push(k8s(AUTO_RESOLVED, "closed", "checkout-7d9f-flappy", "Warning"));
        ids.put(AUTO_RESOLVED, api.idOf(AUTO_RESOLVED));

        String garbage = "{\"message\":{\"messageId\":\"compat-garbage\",\"data\":\""
                + Base64.getEncoder().encodeToString("not a notification".getBytes()) + "\"}}";
        assertThat(api.pushEnvelope(garbage, 200)).contains("quarantined");

        assertThat(api.incident(ids.get(ACKNOWLEDGED)).get("status").asText()).isEqualTo("acknowledged");
        assertThat(api.incident(ids.get(OPEN)).get("status").asText()).isEqualTo("open");
        assertThat(api.incident(ids.get(RESOLVED)).get("status").asText()).isEqualTo("resolved");
        assertThat(api.incident(ids.get(CLOSED)).get("status").asText()).isEqualTo("closed");
        assertThat(api.incident(ids.get(AUTO_RESOLVED)).get("status").asText()).isEqualTo("resolved");
        return ids;
    }

    /** A Cloud Monitoring notification for a k8s container alert on {@code pod}. */
    static ObjectNode k8s(String incidentId, String state, String pod, String severity) {
        ObjectNode notification = Payloads.notification(incidentId, state, 1_764_000_000L,
                "closed".equals(state) ? 1_764_000_900L : null, pod);
        ((ObjectNode) notification.get("incident")).put("severity", severity);
        return notification;
    }
}
