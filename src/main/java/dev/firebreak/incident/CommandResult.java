package dev.firebreak.incident;

/**
 * The incident after a person's command, and whether the command changed it.
 *
 * @param incident the incident as stored after the command
 * @param changed false when the command repeated what already held (harmless)
 * @param note why nothing changed, null when something did
 */
public record CommandResult(Incident incident, boolean changed, String note) {
}
