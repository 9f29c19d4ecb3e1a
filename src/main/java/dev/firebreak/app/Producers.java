package dev.firebreak.app;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.firebreak.classify.ClassificationCatalog;
import dev.firebreak.classify.Classifier;

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
    Classifier classifier() {
        return new Classifier(ClassificationCatalog.builtIn());
    }
}
