package dev.firebreak.classify;

import dev.firebreak.alert.Alert;

/** TEMPORARY STUB until the classify branch merges. */
public final class IncidentTitle {
    public static String of(Alert alert) {
        return alert.policyName() == null ? alert.sourceIncidentId() : alert.policyName();
    }
}
