/**
 * Runbook: suggested, never executed, diagnostic commands for each response step of an incident, chosen by ordered
 * first-match rules from {@code firebreak/diagnostics.yaml} (plus an optional user catalog tried first) and filled in,
 * shell-quoted, from the alert's own labels. Pure Java; no framework types.
 */
package dev.firebreak.runbook;
