package dev.firebreak.notify;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * Log-only mode (no Slack bot token configured): logs what would be sent, so a local run needs no Slack at all.
 */
public class LogNotifier implements Notifier {
    private static final Logger LOG = Logger.getLogger(LogNotifier.class);

    @Override
    public DeliveryResult deliver(IncidentNotice notice, List<OutboxEvent> events) {
        Set<Long> delivered = new HashSet<>();
        for (OutboxEvent event : events) {
            LOG.infof("[notify log-only] incident %d [%s] %s (%s, %s, step %s): %s — %s", notice.incidentId(),
                    notice.severity().toUpperCase(Locale.ROOT), notice.title(), notice.status(),
                    notice.alertState(), notice.currentStep(), event.kind(), event.detail());
            delivered.add(event.outboxId());
        }
        return DeliveryResult.done(delivered);
    }

    @Override
    public String name() {
        return "log";
    }
}
