package dev.firebreak.incident;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.classify.Classification;
import dev.firebreak.classify.Classifier;
import dev.firebreak.classify.IncidentTitle;
import dev.firebreak.incident.IncidentStore.IncidentRow;
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
        if (alert.state() == AlertState.UNKNOWN || alert.testNotification()) {
            throw new IllegalArgumentException("only firing or cleared real alerts open incidents");
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Optional<SourceAlertRow> known = store.findSourceAlert(c, alert.sourceIncidentId(), false);
            if (known.isPresent()) {
                return applyToKnown(c, alert, known.get().incidentId(), now);
            }
            return applyToNew(c, alert, now);
        }
    }

    private AlertApplyResult applyToNew(Connection c, Alert alert, Instant now) throws SQLException {
        String groupingKey = GroupingKey.of(alert);
        Optional<IncidentRow> unresolved = store.lockUnresolvedByGroupingKey(c, groupingKey);
        if (unresolved.isPresent()) {
            return join(c, unresolved.get(), alert, now, new ArrayList<>());
        }
        Optional<IncidentRow> previous = store.lockLatestResolvedByGroupingKey(c, groupingKey);
        if (previous.isPresent() && withinRefireWindow(previous.get(), now)) {
            List<TimelineEventType> events = new ArrayList<>();
            if (alert.state() == AlertState.FIRING) {
                reopen(c, previous.get(), now, events);
            }
            return join(c, previous.get(), alert, now, events);
        }
        return openNew(c, alert, groupingKey, previous.map(IncidentRow::id).orElse(null), now);
    }

    private AlertApplyResult openNew(Connection c, Alert alert, String groupingKey, Long relatedIncidentId, Instant now)
            throws SQLException {
        Classification classification = classifier.classify(alert);
        Optional<Long> created = store.insertIncident(c, alert, groupingKey, IncidentTitle.of(alert),
                classification.severity(), classification.reason(), relatedIncidentId, now);
        if (created.isEmpty()) {
            // another replica opened the incident for this key first: join it
            IncidentRow incident = store.lockUnresolvedByGroupingKey(c, groupingKey)
                    .orElseThrow(() -> new RetryableConflictException("grouped incident resolved concurrently"));
            return join(c, incident, alert, now, new ArrayList<>());
        }
        long incidentId = created.get();
        if (store.insertSourceAlert(c, incidentId, alert, now).isEmpty()) {
            throw new RetryableConflictException("source alert recorded concurrently");
        }
        List<TimelineEventType> events = new ArrayList<>();
        boolean cleared = alert.state() == AlertState.CLEARED;
        TimelineEventType type = cleared ? TimelineEventType.OPENED_CLEARED : TimelineEventType.OPENED;
        String detail = (cleared ? "opened already cleared (the close arrived before the open): " : "opened: ")
                + describe(alert) + "; " + classification.reason()
                + (relatedIncidentId == null ? "" : "; follows incident " + relatedIncidentId);
        record(c, incidentId, now, type, SOURCE_ACTOR, detail, events);
        if (cleared) {
            IncidentRow incident = store.lockIncident(c, incidentId);
            if (autoResolve(c, incident, now)) {
                store.updateIncident(c, incident, alert, now);
            }
        }
        return new AlertApplyResult(AlertApplyResult.Outcome.OPENED, incidentId, classification.severity().wireName(),
                events, cleared);
    }

    /** A source alert not yet recorded becomes part of {@code incident}. */
    private AlertApplyResult join(Connection c, IncidentRow incident, Alert alert, Instant now,
            List<TimelineEventType> events) throws SQLException {
        if (store.insertSourceAlert(c, incident.id, alert, now).isEmpty()) {
            // another replica recorded this source incident first: apply on top of its row
            return applyToKnown(c, alert, incident.id, now);
        }
        incident.alertCount++;
        if (alert.state() == AlertState.FIRING) {
            markFiring(incident);
        }
        record(c, incident.id, now, TimelineEventType.ALERT_JOINED, SOURCE_ACTOR,
                "alert joined (" + incident.alertCount + " alerts" + (alert.state() == AlertState.CLEARED
                        ? ", already cleared"
                        : "") + "): " + describe(alert),
                events);
        store.updateIncident(c, incident, alert, now);
        return new AlertApplyResult(AlertApplyResult.Outcome.UPDATED, incident.id, incident.severity, events, false);
    }

    private AlertApplyResult applyToKnown(Connection c, Alert alert, long incidentId, Instant now) throws SQLException {
        IncidentRow incident = store.lockIncident(c, incidentId);
        SourceAlertRow source = store.findSourceAlert(c, alert.sourceIncidentId(), true).orElseThrow();
        boolean firing = "firing".equals(source.state());
        if (alert.state() == AlertState.FIRING) {
            if (!firing && !startedLater(alert, source)) {
                return new AlertApplyResult(AlertApplyResult.Outcome.STALE, incident.id, incident.severity, List.of(),
                        false);
            }
            return fireAgain(c, incident, source, alert, firing, now);
        }
        if (!firing) {
            return new AlertApplyResult(AlertApplyResult.Outcome.NO_CHANGE, incident.id, incident.severity, List.of(),
                    false);
        }
        return clear(c, incident, source, alert, now);
    }

    private AlertApplyResult fireAgain(Connection c, IncidentRow incident, SourceAlertRow source, Alert alert,
            boolean stillFiring, Instant now) throws SQLException {
        List<TimelineEventType> events = new ArrayList<>();
        if (!incident.unresolved()) {
            if (!withinRefireWindow(incident, now)) {
                return moveToNewIncident(c, incident, source, alert, now);
            }
            if (!stillFiring) {
                reopen(c, incident, now, events);
            }
        }
        incident.alertCount++;
        markFiring(incident);
        store.updateSourceAlert(c, source.id(), alert, now);
        if (stillFiring) {
            record(c, incident.id, now, TimelineEventType.ALERT_RENOTIFIED, SOURCE_ACTOR,
                    "alert still firing (" + incident.alertCount + " notifications"
                            + (incident.unresolved() ? "" : ", after the incident was resolved") + "): " + describe(alert),
                    events);
        } else {
            record(c, incident.id, now, TimelineEventType.ALERT_REFIRED, SOURCE_ACTOR, REFIRED + ": " + describe(alert),
                    events);
        }
        store.updateIncident(c, incident, alert, now);
        return new AlertApplyResult(AlertApplyResult.Outcome.UPDATED, incident.id, incident.severity, events, false);
    }

    /** After the re-fire window, a resolved incident stays resolved: the alert moves to a new, linked incident. */
    private AlertApplyResult moveToNewIncident(Connection c, IncidentRow resolved, SourceAlertRow source, Alert alert,
            Instant now) throws SQLException {
        String groupingKey = GroupingKey.of(alert);
        Optional<IncidentRow> unresolved = store.lockUnresolvedByGroupingKey(c, groupingKey);
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
            record(c, target, now, TimelineEventType.ALERT_JOINED, SOURCE_ACTOR,
                    "alert joined (" + incident.alertCount + " alerts), moved from resolved incident " + resolved.id + ": "
                            + describe(alert),
                    events);
            store.updateIncident(c, incident, alert, now);
        } else {
            Classification classification = classifier.classify(alert);
            target = store.insertIncident(c, alert, groupingKey, IncidentTitle.of(alert), classification.severity(),
                    classification.reason(), resolved.id, now)
                    .orElseThrow(() -> new RetryableConflictException("incident opened concurrently"));
            severity = classification.severity().wireName();
            outcome = AlertApplyResult.Outcome.OPENED;
            record(c, target, now, TimelineEventType.OPENED, SOURCE_ACTOR, "opened: " + describe(alert) + "; "
                    + classification.reason() + "; follows incident " + resolved.id + " (resolved more than "
                    + refireWindow.toMinutes() + " min before the alert fired again)", events);
        }
        store.moveSourceAlert(c, source.id(), target);
        store.updateSourceAlert(c, source.id(), alert, now);
        return new AlertApplyResult(outcome, target, severity, events, false);
    }

    private AlertApplyResult clear(Connection c, IncidentRow incident, SourceAlertRow source, Alert alert, Instant now)
            throws SQLException {
        List<TimelineEventType> events = new ArrayList<>();
        boolean wasCleared = "cleared".equals(incident.alertState);
        store.updateSourceAlert(c, source.id(), alert, now);
        boolean othersFiring = store.anyOtherFiring(c, incident.id, source.id());
        if (!othersFiring) {
            incident.alertState = "cleared";
            incident.clearedAt = IncidentStore.clearedAt(alert, now);
            incident.clearReason = IncidentStore.clearReason(alert);
        }
        String reason = alert.cancelled() ? "cancelled: the alert policy condition was edited or deleted" : "recovered";
        record(c, incident.id, now, TimelineEventType.ALERT_CLEARED, SOURCE_ACTOR,
                "alert cleared (" + reason + ")" + (othersFiring ? "; other alerts of this incident still fire" : "")
                        + ": " + describe(alert),
                events);
        if (!othersFiring) {
            autoResolve(c, incident, now);
        }
        store.updateIncident(c, incident, alert, now);
        return new AlertApplyResult(AlertApplyResult.Outcome.UPDATED, incident.id, incident.severity, events,
                !wasCleared && "cleared".equals(incident.alertState));
    }

    /** Resolves an incident whose alerts all cleared when its severity allows and nobody has acted on it. */
    private boolean autoResolve(Connection c, IncidentRow incident, Instant now) throws SQLException {
        if (!incident.unresolved() || !workflow.canAutoResolve(incident.workflow())) {
            return false;
        }
        Decision decision = workflow.decide(incident.workflow(), WorkflowCommand.Resolve.bySystem(null), now);
        if (!(decision instanceof Decision.Applied applied)) {
            return false;
        }
        incident.workflow(applied.newState());
        for (WorkflowEvent event : applied.events()) {
            recordWorkflow(c, incident.id, now, event);
        }
        return true;
    }

    private void reopen(Connection c, IncidentRow incident, Instant now, List<TimelineEventType> events)
            throws SQLException {
        Decision decision = workflow.decide(incident.workflow(),
                new WorkflowCommand.Reopen(WorkflowCommand.SYSTEM_ACTOR, REFIRED), now);
        if (decision instanceof Decision.Applied applied) {
            incident.workflow(applied.newState());
            for (WorkflowEvent event : applied.events()) {
                recordWorkflow(c, incident.id, now, event);
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

    private void recordWorkflow(Connection c, long incidentId, Instant now, WorkflowEvent event) throws SQLException {
        long eventId = store.appendTimeline(c, incidentId, now, event.type().wireName(), event.actor(), event.detail());
        store.enqueueOutbox(c, incidentId, eventId, event.type().wireName(), now);
    }

    private void record(Connection c, long incidentId, Instant now, TimelineEventType type, String actor, String detail,
            List<TimelineEventType> events) throws SQLException {
        long eventId = store.appendTimeline(c, incidentId, now, type.wireName(), actor, detail);
        store.enqueueOutbox(c, incidentId, eventId, type.wireName(), now);
        events.add(type);
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
