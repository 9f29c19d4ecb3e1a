package dev.firebreak.testsupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.notify.NotificationDispatcher;

/**
 * Opens and works incidents through the public endpoints (Pub/Sub push, REST API) and drives the outbox with
 * {@link NotificationDispatcher#deliverDue()}, the way the scheduler would.
 */
public final class OutboxDriver {
    /** Distinguishes this run's data when the database outlives the run. */
    public static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final DataSource dataSource;
    private final NotificationDispatcher dispatcher;

    public OutboxDriver(DataSource dataSource, NotificationDispatcher dispatcher) {
        this.dataSource = dataSource;
        this.dispatcher = dispatcher;
    }

    /** A name no other test (or run) uses, e.g. {@code unique("pod")} → {@code pod-k3x9-7}. */
    public static String unique(String prefix) {
        return (prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet()).toLowerCase(Locale.ROOT);
    }

    /** Opens a new incident from a firing alert; severity is the policy severity ("Critical", "Warning"). */
    public long open(String sourceId, String pod, String severity, Map<String, String> policyLabels) {
        Incidents.push(notification(sourceId, pod, severity, policyLabels, "7"));
        return incidentOf(sourceId);
    }

    /** The source re-sends the open notification of a still-firing alert (a new observed value). */
    public void renotify(String sourceId, String pod, String severity, Map<String, String> policyLabels, String observed) {
        Incidents.push(notification(sourceId, pod, severity, policyLabels, observed));
    }

    public long incidentOf(String sourceId) {
        return Db.count(dataSource, "SELECT incident_id FROM source_alert WHERE source_incident_id = ?", sourceId);
    }

    /** Outbox rows of the incident neither delivered nor failed. */
    public long pending(long incidentId) {
        return Db.count(dataSource,
                "SELECT count(*) FROM outbox WHERE incident_id = ? AND delivered_at IS NULL AND failed_at IS NULL",
                incidentId);
    }

    /** Undelivered, unfailed outbox rows of every incident. */
    public long pendingEverywhere() {
        return Db.count(dataSource, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
    }

    /** Delivers until none of the incidents has a pending outbox row; fails after {@code timeout}. */
    public void drain(Duration timeout, long... incidentIds) {
        deliverUntil(() -> Arrays.stream(incidentIds).allMatch(id -> pending(id) == 0), timeout,
                () -> "pending outbox rows: " + Arrays.stream(incidentIds)
                        .mapToObj(id -> id + "=" + pending(id))
                        .collect(Collectors.joining(", ")));
    }

    /** Runs delivery passes until {@code done}; fails after {@code timeout} with {@code state}. */
    public void deliverUntil(BooleanSupplier done, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery did not finish within " + timeout + "; " + state.get());
            }
            dispatcher.deliverDue();
            sleep(Duration.ofMillis(20));
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ObjectNode notification(String sourceId, String pod, String severity, Map<String, String> labels,
            String observed) {
        ObjectNode notification = Payloads.notification(sourceId, "open", 1_764_000_000L, null, pod);
        ObjectNode incident = (ObjectNode) notification.get("incident");
        incident.put("severity", severity);
        incident.put("observed_value", observed);
        ObjectNode policyLabels = incident.putObject("policy_user_labels");
        labels.forEach(policyLabels::put);
        return notification;
    }
}
