package dev.firebreak.classify;

import java.util.Objects;
import java.util.Optional;

import dev.firebreak.alert.Alert;

/**
 * Classifies alerts with a catalog: the first rule whose match holds decides, otherwise the catalog default.
 * Pure, deterministic and safe to share between threads.
 */
public final class Classifier {
    private final ClassificationCatalog catalog;

    public Classifier(ClassificationCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** A classifier over the shipped catalog only. */
    public static Classifier builtIn() {
        return new Classifier(ClassificationCatalog.builtIn());
    }

    /** The severity, reason and deciding rule for the alert. */
    public Classification classify(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        for (ClassificationRule rule : catalog.rules()) {
            Optional<Classification> classification = rule.apply(alert);
            if (classification.isPresent()) {
                return classification.get();
            }
        }
        return Classification.byDefault(catalog.defaultSeverity());
    }

    /** The catalog this classifier uses. */
    public ClassificationCatalog catalog() {
        return catalog;
    }
}
