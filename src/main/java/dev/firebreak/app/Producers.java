package dev.firebreak.app;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.firebreak.classify.ClassificationCatalog;
import dev.firebreak.classify.Classifier;
import dev.firebreak.classify.ClassifyConfig;

/**
 * CDI producers for the pure classes the features share.
 */
@Singleton
public class Producers {

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
}
