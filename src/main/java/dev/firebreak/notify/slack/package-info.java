/**
 * Slack: the only code that imports the Slack SDK. Root message per incident kept current with chat.update, one
 * thread reply per event (bursts coalesced), exactly once through recorded progress and reconciliation, per-channel
 * pacing and storm digests; plus signed interactions (buttons, slash command) that work the incident.
 */
package dev.firebreak.notify.slack;
