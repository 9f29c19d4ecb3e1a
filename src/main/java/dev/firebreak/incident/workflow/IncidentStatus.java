package dev.firebreak.incident.workflow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lifecycle status of an incident: {@code open → acknowledged → resolved → closed}, plus reopen.
 */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED, CLOSED;

    /**
     * Every legal status change. Open may resolve without an acknowledgement (auto-resolve by the system); a closed
     * incident may reopen because the source alert can fire again. There is no way back to acknowledged.
     */
    private static final Map<IncidentStatus, Set<IncidentStatus>> TRANSITIONS = new EnumMap<>(IncidentStatus.class);

    static {
        TRANSITIONS.put(OPEN, Collections.unmodifiableSet(EnumSet.of(ACKNOWLEDGED, RESOLVED)));
        TRANSITIONS.put(ACKNOWLEDGED, Collections.unmodifiableSet(EnumSet.of(RESOLVED)));
        TRANSITIONS.put(RESOLVED, Collections.unmodifiableSet(EnumSet.of(CLOSED, OPEN)));
        TRANSITIONS.put(CLOSED, Collections.unmodifiableSet(EnumSet.of(OPEN)));
    }

    /** The statuses this one may change into. */
    public Set<IncidentStatus> allowedTargets() {
        return TRANSITIONS.get(this);
    }

    /** Whether changing from this status to {@code target} is legal. */
    public boolean canTransitionTo(IncidentStatus target) {
        return allowedTargets().contains(target);
    }

    /** True while the incident still needs work (open or acknowledged). */
    public boolean isActive() {
        return this == OPEN || this == ACKNOWLEDGED;
    }

    /** The lower-case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name case-insensitively. */
    public static Optional<IncidentStatus> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (IncidentStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(value.trim())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
