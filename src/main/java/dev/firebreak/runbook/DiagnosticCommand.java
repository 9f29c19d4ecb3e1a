package dev.firebreak.runbook;

/**
 * One suggested command for a human to copy; Firebreak never runs it.
 *
 * @param title what the command shows or does, in a few words
 * @param command the command line, one line, every alert-derived value shell-quoted
 * @param mutating true when the command changes state (only ever in the immediate-response step)
 */
public record DiagnosticCommand(String title, String command, boolean mutating) {
}
