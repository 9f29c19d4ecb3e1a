package dev.firebreak.incident;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.classify.Classification;
import dev.firebreak.classify.Classifier;
import dev.firebreak.classify.IncidentTitle;
import dev.firebreak.incident.IncidentStore.IncidentRow;
import dev.firebreak.incident.IncidentStore.KeyIncidents;
import dev.firebreak.incident.IncidentStore.NewEvent;
import dev.firebreak.incident.IncidentStore.NewIncident;
import dev.firebreak.incident.IncidentStore.NewSourceAlert;
import dev.firebreak.incident.IncidentStore.SourceAlertRow;
import dev.firebreak.incident.workflow.Decision;
import dev.firebreak.incident.workflow.IncidentWorkflow;
import dev.firebreak.incident.workflow.WorkflowCommand;
import dev.firebreak.incident.workflow.WorkflowEvent;

/**
 * Applies one source alert notification to the incidents, inside the caller's transaction, appending a timeline event
 * and an outbox row for every real change.
 */
@ApplicationScoped
public class IncidentIngestService {
    static final String SOURCE_ACTOR = "cloud-monitoring";
    static final String REFIRED = "alert fired again";

    private final DataSource dataSource;
    private final IncidentStore store;
    private final Classifier classifier;
    private final IncidentWorkflow workflow;
    private final Duration refireWindow;
    private final Clock clock;

    public IncidentIngestService(DataSource dataSource, IncidentStore store, Classifier classifier,
            IncidentWorkflow workflow, IncidentConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.classifier = classifier;
        this.workflow = workflow;
        this.refireWindow = config.refireWindow();
        this.clock = clock;
    }

    /**
     * The cases, by what is already recorded for the alert's source incident id:
     * <ul>
     * <li>nothing: it joins the unresolved incident with its grouping key; else, firing within the re-fire window of
     * the last resolved incident with that key, it reopens that one; else it opens a new incident (linked to the last
     * one with the key, if any; already cleared when the close arrived before the open);</li>
     * <li>firing, and it fires again: a renotification (alert count grows); on a resolved incident it never reopens,
     * and after the re-fire window it opens a new, linked incident;</li>
     * <li>cleared, and an open arrives that did not start later: a late duplicate, ignored (never re-fires);</li>
     * <li>cleared, and an open arrives that started later: it fires again; a resolved incident reopens within the
     * re-fire window, after it a new, linked incident opens;</li>
     * <li>firing, and it clears: the alert clears; the incident clears when none of its alerts still fires, and then
     * resolves itself when its severity allows and nobody has acted on it;</li>
     * <li>cleared, and it clears again: nothing changes.</li>
     * </ul>
     * Unknown states and test notifications never reach this method.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public AlertApplyResult apply(Alert alert) throws SQLException {
        return applyAll(List.of(alert)).get(0);
    }

    /**
     * Applies several notifications in order, with exactly the effect of applying them one by one (see
     * {@link #apply(Alert)}), in fewer statements: the source alerts and grouping keys of the whole batch are looked up
     * together first; a firing alert that is new, whose key has no unresolved incident and no incident resolved within
     * the re-fire window, and that shares neither source incident id nor key with an earlier alert of the batch opens its
     * incident in one insert with the other such alerts (a unique-index conflict sends it down the one-by-one path);
     * every other alert is applied on its own, after the pending inserts. The timeline events and outbox rows of the
     * whole batch are written in one statement at the end.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, rollbackOn = Exception.class)
    public List<AlertApplyResult> applyAll(List<Alert> alerts) throws SQLException {
        for (Alert alert : alerts) {
            if (alert.state() == AlertState.UNKNOWN || alert.testNotification()) {
                throw new IllegalArgumentException("only firing or cleared real alerts open incidents");
            }
        }
        List<String> keys = alerts.stream().map(GroupingKey::of).toList();
        AlertApplyResult[] results = new AlertApplyResult[alerts.size()];
        try (Connection c = dataSource.getConnection()) {
            Tx tx = new Tx(c);
            Map<String, SourceAlertRow> known = store.findSourceAlerts(c,
                    alerts.stream().map(Alert::sourceIncidentId).distinct().toList());
            Map<String, KeyIncidents> byKey = store.lockByGroupingKeys(c, IntStream.range(0, alerts.size())
                    .filter(i -> !known.containsKey(alerts.get(i).sourceIncidentId()))
                    .mapToObj(keys::get)
                    .distinct()
                    .toList());
            Set<String> seenSources = new HashSet<>();
            Set<String> seenKeys = new HashSet<>();
            for (int i = 0; i < alerts.size(); i++) {
                Alert alert = alerts.get(i);
                String key = keys.get(i);
                Instant now = clock.instant();
                // what was looked up holds only for the first alert of the batch with this source and this key
                boolean first = seenSources.add(alert.sourceIncidentId()) & seenKeys.add(key);
                SourceAlertRow source = first ? known.get(alert.sourceIncidentId()) : null;
                if (first && source == null && opensNew(alert, byKey.getOrDefault(key, KeyIncidents.NONE), now)) {
                    IncidentRow previous = byKey.getOrDefault(key, KeyIncidents.NONE).latestResolved();
                    tx.opens.add(new PendingOpen(i, alert, key, previous == null ? null : previous.id, now));
                    continue;
                }
                insertPendingOpens(tx, results);
                if (first) {
                    results[i] = source != null
                            ? applyToKnown(tx, alert, source.incidentId(), now)
                            : applyToNew(tx, alert, key, now);
                } else {
                    results[i] = applyAlone(tx, alert, key, now);
                }
            }
            insertPendingOpens(tx, results);
            store.appendEvents(c, tx.events);
        }
        return List.of(results);
    }

    /** One alert whose source or key an earlier alert of the batch may have changed: everything is looked up again. */
    private AlertApplyResult applyAlone(Tx tx, Alert alert, String groupingKey, Instant now) throws SQLException {
        Optional<SourceAlertRow> known = store.findSourceAlert(tx.c, alert.sourceIncidentId(), false);
        if (known.isPresent()) {
            return applyToKnown(tx, alert, known.get().incidentId(), now);
        }
        return applyToNew(tx, alert, groupingKey, now);
    }

    /** Whether a new firing alert opens a new incident: no unresolved one with its key, none resolved recently. */
    private boolean opensNew(Alert alert, KeyIncidents found, Instant now) {
        return alert.state() == AlertState.FIRING && found.unresolved() == null
                && (found.latestResolved() == null || !withinRefireWindow(found.latestResolved(), now));
    }

    private AlertApplyResult applyToNew(Tx tx, Alert alert, String groupingKey, Instant now) throws SQLException {
        KeyIncidents found = store.lockByGroupingKeys(tx.c, List.of(groupingKey))
                .getOrDefault(groupingKey, KeyIncidents.NONE);
        if (found.unresolved() != null) {
            return join(tx, found.unresolved(), alert, now, new ArrayList<>());
        }
        IncidentRow previous = found.latestResolved();
        if (previous != null && withinRefireWindow(previous, now)) {
            List<TimelineEventType> events = new ArrayList<>();
            if (alert.state() == AlertState.FIRING) {
                reopen(tx, previous, now, events);
            }
            return join(tx, previous, alert, now, events);
        }
        PendingOpen open = new PendingOpen(0, alert, groupingKey, previous == null ? null : previous.id, now);
        return openNew(tx, List.of(open)).get(0);
    }

    /** Inserts the new incidents the batch has collected so far, in order. */
    private void insertPendingOpens(Tx tx, AlertApplyResult[] results) throws SQLException {
        if (tx.opens.isEmpty()) {
            return;
        }
        List<PendingOpen> opens = List.copyOf(tx.opens);
        tx.opens.clear();
        List<AlertApplyResult> opened = openNew(tx, opens);
        for (int j = 0; j < opens.size(); j++) {
            results[opens.get(j).index()] = opened.get(j);
        }
    }

    /** Opens new incidents (distinct grouping keys and source incident ids), in order. */
    private List<AlertApplyResult> openNew(Tx tx, List<PendingOpen> opens) throws SQLException {
        List<Classification> classifications = new ArrayList<>();
        List<NewIncident> incidents = new ArrayList<>();
        for (PendingOpen open : opens) {
            Classification classification = classifier.classify(open.alert());
            classifications.add(classification);
            incidents.add(new NewIncident(open.alert(), open.groupingKey(), IncidentTitle.of(open.alert()),
                    classification.severity(), classification.reason(), open.relatedIncidentId(), open.now()));
        }
        List<Optional<Long>> created = store.insertIncidents(tx.c, incidents);
        List<NewSourceAlert> sources = new ArrayList<>();
        for (int j = 0; j < opens.size(); j++) {
            if (created.get(j).isPresent()) {
                sources.add(new NewSourceAlert(created.get(j).get(), opens.get(j).alert(), opens.get(j).now()));
            }
        }
        if (store.insertSourceAlerts(tx.c, sources).contains(Optional.empty())) {
            throw new RetryableConflictException("source alert recorded concurrently");
        }
        List<AlertApplyResult> results = new ArrayList<>();
        for (int j = 0; j < opens.size(); j++) {
            PendingOpen open = opens.get(j);
            if (created.get(j).isEmpty()) {
                // another replica opened the incident for this key first: join it
                IncidentRow incident = store.lockUnresolvedByGroupingKey(tx.c, open.groupingKey())
                        .orElseThrow(() -> new RetryableConflictException("grouped incident resolved concurrently"));
                results.add(join(tx, incident, open.alert(), open.now(), new ArrayList<>()));
            } else {
                results.add(opened(tx, created.get(j).get(), open, classifications.get(j)));
            }
        }
        return results;
    }

    private AlertApplyResult opened(Tx tx, long incidentId, PendingOpen open, Classification classification)
            throws SQLException {
        Alert alert = open.alert();
        Instant now = open.now();
        Long relatedIncidentId = open.relatedIncidentId();
        List<TimelineEventType> events = new ArrayList<>();
        boolean cleared = alert.state() == AlertState.CLEARED;
        TimelineEventType type = cleared ? TimelineEventType.OPENED_CLEARED : TimelineEventType.OPENED;
        String detail = (cleared ? "opened already cleared (the close arrived before the open): " : "opened: ")
                + describe(alert) + "; " + classification.reason()
                + (relatedIncidentId == null ? "" : "; follows incident " + relatedIncidentId);
        record(tx, incidentId, now, type, SOURCE_ACTOR, detail, events);
        if (cleared) {
            IncidentRow incident = store.lockIncident(tx.c, incidentId);
            if (autoResolve(tx, incident, now)) {
                store.updateIncident(tx.c, incident, alert, now);
            }
        }
        return new AlertApplyResult(AlertApplyResult.Outcome.OPENED, incidentId, classification.severity().wireName(),
                events, cleared);
    }

    /** A source alert not yet recorded becomes part of {@code incident}. */
    private AlertApplyResult join(Tx tx, IncidentRow incident, Alert alert, Instant now,
            List<TimelineEventType> events) throws SQLException {
        if (store.insertSourceAlert(tx.c, incident.id, alert, now).isEmpty()) {
            // another replica recorded this source incident first: apply on top of its row
            return applyToKnown(tx, alert, incident.id, now);
        }
        incident.alertCount++;
        if (alert.state() == AlertState.FIRING) {
            markFiring(incident);
        }
        record(tx, incident.id, now, TimelineEventType.ALERT_JOINED, SOURCE_ACTOR,
                "alert joined (" + incident.alertCount + " alerts" + (alert.state() == AlertState.CLEARED
                        ? ", already cleared"
                        : "") + "): " + describe(alert),
                events);
        store.updateIncident(tx.c, incident, alert, now);
        return new AlertApplyResult(AlertApplyResult.Outcome.UPDATED, incident.id, incident.severity, events, false);
    }

    private AlertApplyResult applyToKnown(Tx tx, Alert alert, long incidentId, Instant now) throws SQLException {
        IncidentRow incident = store.lockIncident(tx.c, incidentId);
        SourceAlertRow source = store.findSourceAlert(tx.c, alert.sourceIncidentId(), true).orElseThrow();
        boolean firing = "firing".equals(source.state());
        if (alert.state() == AlertState.FIRING) {
            if (!firing && !startedLater(alert, source)) {
                return new AlertApplyResult(AlertApplyResult.Outcome.STALE, incident.id, incident.severity, List.of(),
                        false);
            }
            return fireAgain(tx, incident, source, alert, firing, now);
        }
        if (!firing) {
            return new AlertApplyResult(AlertApplyResult.Outcome.NO_CHANGE, incident.id, incident.severity, List.of(),
                    false);
        }
        return clear(tx, incident, source, alert, now);
    }

    private AlertApplyResult fireAgain(Tx tx, IncidentRow incident, SourceAlertRow source, Alert alert,
            boolean stillFiring, Instant now) throws SQLException {
        List<TimelineEventType> events = new ArrayList<>();
        if (!incident.unresolved()) {
            if (!withinRefireWindow(incident, now)) {
                return moveToNewIncident(tx, incident, source, alert, now);
            }
            if (!stillFiring) {
                reopen(tx, incident, now, events);
            }
        }
        incident.alertCount++;
        markFiring(incident);
        store.updateSourceAlert(tx.c, source.id(), alert, now);
        if (stillFiring) {
            record(tx, incident.id, now, TimelineEventType.ALERT_RENOTIFIED, SOURCE_ACTOR,
                    "alert still firing (" + incident.alertCount + " notifications"
                            + (incident.unresolved() ? "" : ", after the incident was resolved") + "): " + describe(alert),
                    events);
        } else {
            record(tx, incident.id, now, TimelineEventType.ALERT_REFIRED, SOURCE_ACTOR, REFIRED + ": " + describe(alert),
                    events);
        }
        store.updateIncident(tx.c, incident, alert, now);
        return new AlertApplyResult(AlertApplyResult.Outcome.UPDATED, incident.id, incident.severity, events, false);
    }

    /** After the re-fire window, a resolved incident stays resolved: the alert moves to a new, linked incident. */
    private AlertApplyResult moveToNewIncident(Tx tx, IncidentRow resolved, SourceAlertRow source, Alert alert,
            Instant now) throws SQLException {
        String groupingKey = GroupingKey.of(alert);
        Optional<IncidentRow> unresolved = store.lockUnresolvedByGroupingKey(tx.c, groupingKey);
        long target;
        List<TimelineEventType> events = new ArrayList<>();
        AlertApplyResult.Outcome outcome;
        String severity;
        if (unresolved.isPresent()) {
            IncidentRow incident = unresolved.get();
            incident.alertCount++;
            markFiring(incident);
            target = incident.id;
            severity = incident.severity;
            outcome = AlertApplyResult.Outcome.UPDATED;
            record(tx, target, now, TimelineEventType.ALERT_JOINED, SOURCE_ACTOR,
                    "alert joined (" + incident.alertCount + " alerts), moved from resolved incident " + resolved.id + ": "
                            + describe(alert),
                    events);
            store.updateIncident(tx.c, incident, alert, now);
        } else {
            Classification classification = classifier.classify(alert);
            target = store.insertIncident(tx.c, new NewIncident(alert, groupingKey, IncidentTitle.of(alert),
                    classification.severity(), classification.reason(), resolved.id, now))
                    .orElseThrow(() -> new RetryableConflictException("incident opened concurrently"));
            severity = classification.severity().wireName();
            outcome = AlertApplyResult.Outcome.OPENED;
            record(tx, target, now, TimelineEventType.OPENED, SOURCE_ACTOR, "opened: " + describe(alert) + "; "
                    + classification.reason() + "; follows incident " + resolved.id + " (resolved more than "
                    + refireWindow.toMinutes() + " min before the alert fired again)", events);
        }
        store.moveSourceAlert(tx.c, source.id(), target);
        store.updateSourceAlert(tx.c, source.id(), alert, now);
        return new AlertApplyResult(outcome, target, severity, events, false);
    }

    private AlertApplyResult clear(Tx tx, IncidentRow incident, SourceAlertRow source, Alert alert, Instant now)
            throws SQLException {
        List<TimelineEventType> events = new ArrayList<>();
        boolean wasCleared = "cleared".equals(incident.alertState);
        store.updateSourceAlert(tx.c, source.id(), alert, now);
        boolean othersFiring = store.anyOtherFiring(tx.c, incident.id, source.id());
        if (!othersFiring) {
            incident.alertState = "cleared";
            incident.clearedAt = IncidentStore.clearedAt(alert, now);
            incident.clearReason = IncidentStore.clearReason(alert);
        }
        String reason = alert.cancelled() ? "cancelled: the alert policy condition was edited or deleted" : "recovered";
        record(tx, incident.id, now, TimelineEventType.ALERT_CLEARED, SOURCE_ACTOR,
                "alert cleared (" + reason + ")" + (othersFiring ? "; other alerts of this incident still fire" : "")
                        + ": " + describe(alert),
                events);
        if (!othersFiring) {
            autoResolve(tx, incident, now);
        }
        store.updateIncident(tx.c, incident, alert, now);
        return new AlertApplyResult(AlertApplyResult.Outcome.UPDATED, incident.id, incident.severity, events,
                !wasCleared && "cleared".equals(incident.alertState));
    }

    /** Resolves an incident whose alerts all cleared when its severity allows and nobody has acted on it. */
    private boolean autoResolve(Tx tx, IncidentRow incident, Instant now) {
        if (!incident.unresolved() || !workflow.canAutoResolve(incident.workflow())) {
            return false;
        }
        Decision decision = workflow.decide(incident.workflow(), WorkflowCommand.Resolve.bySystem(null), now);
        if (!(decision instanceof Decision.Applied applied)) {
            return false;
        }
        incident.workflow(applied.newState());
        for (WorkflowEvent event : applied.events()) {
            recordWorkflow(tx, incident.id, now, event);
        }
        return true;
    }

    private void reopen(Tx tx, IncidentRow incident, Instant now, List<TimelineEventType> events) {
        Decision decision = workflow.decide(incident.workflow(),
                new WorkflowCommand.Reopen(WorkflowCommand.SYSTEM_ACTOR, REFIRED), now);
        if (decision instanceof Decision.Applied applied) {
            incident.workflow(applied.newState());
            for (WorkflowEvent event : applied.events()) {
                recordWorkflow(tx, incident.id, now, event);
            }
        }
    }

    private static void markFiring(IncidentRow incident) {
        incident.alertState = "firing";
        incident.clearedAt = null;
        incident.clearReason = null;
    }

    private boolean withinRefireWindow(IncidentRow incident, Instant now) {
        Instant resolvedAt = incident.resolvedAt != null ? incident.resolvedAt : incident.closedAt;
        return resolvedAt != null && !now.isAfter(resolvedAt.plus(refireWindow));
    }

    private static boolean startedLater(Alert alert, SourceAlertRow source) {
        return alert.startedAt() != null && source.startedAt() != null && alert.startedAt().isAfter(source.startedAt())
                && (source.endedAt() == null || !alert.startedAt().isBefore(source.endedAt()));
    }

    private static void recordWorkflow(Tx tx, long incidentId, Instant now, WorkflowEvent event) {
        tx.events.add(new NewEvent(incidentId, now, event.type().wireName(), event.actor(), event.detail()));
    }

    /** Appends a timeline event (with its outbox row); the batch writes them all at its end, in this order. */
    private static void record(Tx tx, long incidentId, Instant now, TimelineEventType type, String actor, String detail,
            List<TimelineEventType> events) {
        tx.events.add(new NewEvent(incidentId, now, type.wireName(), actor, detail));
        events.add(type);
    }

    /**
     * One ingest transaction: its connection, the new incidents waiting to be inserted together, and the timeline events
     * waiting to be written together.
     */
    private static final class Tx {
        final Connection c;
        final List<PendingOpen> opens = new ArrayList<>();
        final List<NewEvent> events = new ArrayList<>();

        Tx(Connection c) {
            this.c = c;
        }
    }

    /**
     * An alert that opens a new incident, once the batch inserts its new incidents.
     *
     * @param index its position in the batch
     * @param alert the alert
     * @param groupingKey its grouping key
     * @param relatedIncidentId the incident the new one follows, may be null
     * @param now when it was applied
     */
    private record PendingOpen(int index, Alert alert, String groupingKey, Long relatedIncidentId, Instant now) {
    }

    private static String describe(Alert alert) {
        StringBuilder text = new StringBuilder();
        text.append(alert.summary() != null ? alert.summary() : "source incident " + alert.sourceIncidentId());
        if (text.length() > 500) {
            text.setLength(499);
            text.append('…');
        }
        return text.toString();
    }
}
