package dev.firebreak.runbook;

import java.util.List;

/**
 * One command of a catalog rule before the alert's values are filled in.
 *
 * @param title what the command shows or does
 * @param command command-line template with {@code {placeholder}}s; {@code {filter}} stands for the rendered filter
 * @param filter optional Cloud Logging / gcloud filter template, rendered and shell-quoted into {@code {filter}}
 * @param mutating true when the command changes state (allowed only in the immediate-response step)
 * @param requires placeholders that must have a value, otherwise the command is left out
 */
public record CommandTemplate(String title, String command, String filter, boolean mutating, List<String> requires) {
    public CommandTemplate {
        requires = requires == null ? List.of() : List.copyOf(requires);
    }
}
