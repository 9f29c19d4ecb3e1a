package dev.firebreak.app;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.firebreak.alert.Severity;
import dev.firebreak.classify.ClassificationCatalog;
import dev.firebreak.classify.Classifier;
import dev.firebreak.classify.ClassifyConfig;
import dev.firebreak.incident.IncidentConfig;
import dev.firebreak.incident.workflow.IncidentWorkflow;
import dev.firebreak.incident.workflow.SeverityPolicy;
import dev.firebreak.notify.LogNotifier;
import dev.firebreak.notify.Notifier;
import dev.firebreak.notify.NotifyMetrics;
import dev.firebreak.notify.slack.SlackApi;
import dev.firebreak.notify.slack.SlackNotifier;
import dev.firebreak.notify.slack.SlackSettings;
import dev.firebreak.notify.slack.SlackStore;
import dev.firebreak.runbook.DiagnosticCatalog;
import dev.firebreak.runbook.Runbook;
import dev.firebreak.runbook.RunbookConfig;

/**
 * CDI producers for the pure classes the features share.
 */
@Singleton
public class Producers {
    private static final Logger LOG = Logger.getLogger(Producers.class);

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Classifier classifier(ClassifyConfig config) {
        ClassificationCatalog catalog = ClassificationCatalog.builtIn();
        return new Classifier(config.rulesFile()
                .map(ClassificationCatalog::load)
                .map(catalog::withUserRulesFirst)
                .orElse(catalog));
    }

    @Produces
    @Singleton
    Runbook runbook(RunbookConfig config, Clock clock) {
        DiagnosticCatalog catalog = DiagnosticCatalog.builtIn();
        return new Runbook(config.catalogFile()
                .map(DiagnosticCatalog::load)
                .map(catalog::withUserRulesFirst)
                .orElse(catalog), clock);
    }

    @Produces
    @Singleton
    IncidentWorkflow incidentWorkflow(IncidentConfig config) {
        Map<Severity, SeverityPolicy> policies = new EnumMap<>(SeverityPolicy.defaults());
        policies.computeIfPresent(Severity.WARNING,
                (severity, policy) -> new SeverityPolicy(policy.review(), config.autoResolve().warning()));
        policies.computeIfPresent(Severity.INFO,
                (severity, policy) -> new SeverityPolicy(policy.review(), config.autoResolve().info()));
        return new IncidentWorkflow(policies);
    }

    @Produces
    @Singleton
    Notifier notifier(SlackSettings slack, SlackStore store, NotifyMetrics metrics, Clock clock) {
        Optional<String> token = slack.botToken().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            LOG.info("No Slack bot token configured (FIREBREAK_SLACK_BOT_TOKEN): notifications are logged only");
            return new LogNotifier();
        }
        return new SlackNotifier(new SlackApi(slack.apiUrl(), token.get(), slack.timeout()), store, slack, metrics, clock);
    }
}
