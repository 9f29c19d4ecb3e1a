package dev.firebreak.incident.workflow;

/**
 * How strictly an incident of some severity needs a post-incident review before it may close.
 */
public enum ReviewRequirement {
    /** The review must be done; skipping it or closing without it is rejected. */
    REQUIRED,
    /** The review may be skipped with a reason (which closes the incident), but Close alone is rejected. */
    SKIPPABLE_WITH_REASON,
    /** The review may be skipped, and Close on a resolved incident skips it implicitly. */
    OPTIONAL
}
