package dev.firebreak.incident;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
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

/**
 * Applies one source alert notification to the incidents, inside the caller's transaction, appending a timeline event
 * and an outbox row for every real change.
 */
@ApplicationScoped
public class IncidentIngestService {
    static final String SYSTEM_ACTOR = "cloud-monitoring";

    private final DataSource dataSource;
    private final IncidentStore store;
    private final Classifier classifier;
    private final Clock clock;

    public IncidentIngestService(DataSource dataSource, IncidentStore store, Classifier classifier, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.classifier = classifier;
        this.clock = clock;
    }

    /**
     * The cases, by what is already recorded for the alert's source incident id:
     * <ul>
     * <li>nothing, no unresolved incident with its grouping key: open a new incident (already cleared when the close
     * arrived before the open);</li>
     * <li>nothing, an unresolved incident with its grouping key: the alert joins it (alert count grows);</li>
     * <li>firing, and it fires again: a renotification (alert count grows);</li>
     * <li>firing, and it clears: the alert clears; the incident clears when none of its alerts still fires;</li>
     * <li>cleared, and an open arrives that did not start later: a late duplicate, ignored (never re-fires);</li>
     * <li>cleared, and an open arrives that started later: it fires again;</li>
     * <li>cleared, and it clears again: nothing changes.</li>
     * </ul>
     * Unknown states never reach this method.
     */
    @Transactional(Transactional.TxType.MANDATORY)
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
        Classification classification = classifier.classify(alert);
        Optional<Long> created = store.insertIncident(c, alert, groupingKey, IncidentTitle.of(alert),
                classification.severity().wireName(), classification.reason(), now);
        if (created.isPresent()) {
            long incidentId = created.get();
            if (store.insertSourceAlert(c, incidentId, alert, now).isEmpty()) {
                throw new RetryableConflictException("source alert recorded concurrently");
            }
            List<TimelineEventType> events = new ArrayList<>();
            boolean cleared = alert.state() == AlertState.CLEARED;
            TimelineEventType type = cleared ? TimelineEventType.OPENED_CLEARED : TimelineEventType.OPENED;
            String detail = (cleared ? "opened already cleared (the close arrived before the open): " : "opened: ")
                    + describe(alert) + "; " + classification.reason();
            record(c, incidentId, now, type, detail, events);
            return new AlertApplyResult(AlertApplyResult.Outcome.OPENED, incidentId,
                    classification.severity().wireName(), events, cleared);
        }
        IncidentRow incident = store.lockUnresolvedByGroupingKey(c, groupingKey)
                .orElseThrow(() -> new RetryableConflictException("grouped incident resolved concurrently"));
        if (store.insertSourceAlert(c, incident.id, alert, now).isEmpty()) {
            // another replica recorded this source incident first: apply on top of its row
            return applyToKnown(c, alert, incident.id, now);
        }
        List<TimelineEventType> events = new ArrayList<>();
        incident.alertCount++;
        if (alert.state() == AlertState.FIRING && "cleared".equals(incident.alertState)) {
            incident.alertState = "firing";
            incident.clearedAt = null;
            incident.clearReason = null;
        }
        record(c, incident.id, now, TimelineEventType.ALERT_JOINED,
                "alert joined (" + incident.alertCount + " alerts): " + describe(alert), events);
        store.updateIncident(c, incident, alert, now);
        return new AlertApplyResult(AlertApplyResult.Outcome.UPDATED, incident.id, incident.severity, events, false);
    }

    private AlertApplyResult applyToKnown(Connection c, Alert alert, long incidentId, Instant now) throws SQLException {
        IncidentRow incident = store.lockIncident(c, incidentId);
        boolean wasCleared = "cleared".equals(incident.alertState);
        SourceAlertRow source = store.findSourceAlert(c, alert.sourceIncidentId(), true).orElseThrow();
        List<TimelineEventType> events = new ArrayList<>();
        boolean firing = "firing".equals(source.state());
        if (alert.state() == AlertState.FIRING) {
            if (!firing && !startedLater(alert, source)) {
                return new AlertApplyResult(AlertApplyResult.Outcome.STALE, incident.id, incident.severity, List.of(), false);
            }
            incident.alertCount++;
            incident.alertState = "firing";
            incident.clearedAt = null;
            incident.clearReason = null;
            store.updateSourceAlert(c, source.id(), alert, now);
            if (firing) {
                record(c, incident.id, now, TimelineEventType.ALERT_RENOTIFIED,
                        "alert still firing (" + incident.alertCount + " notifications): " + describe(alert), events);
            } else {
                record(c, incident.id, now, TimelineEventType.ALERT_REFIRED, "alert fired again: " + describe(alert), events);
            }
        } else {
            if (!firing) {
                return new AlertApplyResult(AlertApplyResult.Outcome.NO_CHANGE, incident.id, incident.severity, List.of(),
                        false);
            }
            store.updateSourceAlert(c, source.id(), alert, now);
            boolean othersFiring = store.anyOtherFiring(c, incident.id, source.id());
            if (!othersFiring) {
                incident.alertState = "cleared";
                incident.clearedAt = IncidentStore.clearedAt(alert, now);
                incident.clearReason = IncidentStore.clearReason(alert);
            }
            String reason = alert.cancelled() ? "cancelled: the alert policy condition was edited or deleted" : "recovered";
            record(c, incident.id, now, TimelineEventType.ALERT_CLEARED,
                    "alert cleared (" + reason + ")" + (othersFiring ? "; other alerts of this incident still fire" : "")
                            + ": " + describe(alert),
                    events);
        }
        store.updateIncident(c, incident, alert, now);
        return new AlertApplyResult(AlertApplyResult.Outcome.UPDATED, incident.id, incident.severity, events,
                !wasCleared && "cleared".equals(incident.alertState));
    }

    private static boolean startedLater(Alert alert, SourceAlertRow source) {
        return alert.startedAt() != null && source.startedAt() != null && alert.startedAt().isAfter(source.startedAt())
                && (source.endedAt() == null || !alert.startedAt().isBefore(source.endedAt()));
    }

    private void record(Connection c, long incidentId, Instant now, TimelineEventType type, String detail,
            List<TimelineEventType> events) throws SQLException {
        long eventId = store.appendTimeline(c, incidentId, now, type.wireName(), SYSTEM_ACTOR, detail);
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
