package dev.firebreak.incident.workflow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import dev.firebreak.alert.Severity;

/**
 * What the workflow allows for incidents of one severity.
 *
 * @param review how strictly the post-incident review is needed before closing
 * @param autoResolvable whether the system may resolve an untouched incident when its alert clears
 */
public record SeverityPolicy(ReviewRequirement review, boolean autoResolvable) {

    private static final Map<Severity, SeverityPolicy> DEFAULTS = new EnumMap<>(Severity.class);

    static {
        DEFAULTS.put(Severity.CRITICAL, new SeverityPolicy(ReviewRequirement.REQUIRED, false));
        DEFAULTS.put(Severity.WARNING, new SeverityPolicy(ReviewRequirement.SKIPPABLE_WITH_REASON, true));
        DEFAULTS.put(Severity.INFO, new SeverityPolicy(ReviewRequirement.OPTIONAL, true));
    }

    public SeverityPolicy {
        Objects.requireNonNull(review, "review");
    }

    /** Critical: review required, never auto-resolves; warning: review skippable with a reason; info: optional. */
    public static Map<Severity, SeverityPolicy> defaults() {
        return Collections.unmodifiableMap(DEFAULTS);
    }
}
