package dev.firebreak.classify;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.Severity;

/** TEMPORARY STUB until the classify branch merges. */
public final class Classifier {
    public Classifier(ClassificationCatalog catalog) {
    }

    public Classification classify(Alert alert) {
        return switch (alert.sourceSeverity()) {
            case CRITICAL, ERROR ->
                new Classification(Severity.CRITICAL, "critical: policy severity is " + alert.severityRaw(), "x");
            default -> new Classification(Severity.WARNING, "warning: no rule matched (default)", "default");
        };
    }
}
