package dev.firebreak.runbook;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.firebreak.incident.workflow.ResponseStep;
import dev.firebreak.runbook.TemplateText.Placeholder;

/**
 * Reads and checks one command of a catalog rule step: placeholders, the filter, and the read-only promise.
 */
final class CommandParser {
    static final int MAX_TITLE = 200;
    static final int MAX_TEMPLATE = 2000;
    private static final Set<String> KEYS = Set.of("title", "command", "filter", "mutating", "requires");

    private final CatalogNodes at;
    private final ResponseStep step;

    CommandParser(CatalogNodes at, ResponseStep step) {
        this.at = at;
        this.step = step;
    }

    CommandTemplate command(JsonNode node, int index) {
        CatalogNodes indexed = at.at("command " + (index + 1));
        if (node == null || !node.isObject()) {
            throw indexed.error("expected a mapping with 'title' and 'command'");
        }
        indexed.allowOnly(node, KEYS);
        String title = indexed.optionalText(node, "title");
        String command = indexed.optionalText(node, "command");
        if (title == null || command == null) {
            throw indexed.error("'title' and 'command' are both required");
        }
        CatalogNodes here = at.at("'" + title + "'");
        singleLine(here, title, "title", MAX_TITLE);
        singleLine(here, command, "command", MAX_TEMPLATE);
        String filter = here.optionalText(node, "filter");
        boolean mutating = here.optionalBoolean(node, "mutating");
        CommandTemplate template = new CommandTemplate(title, command, filter, mutating,
                here.stringList(node, "requires"));
        checkPlaceholders(here, template);
        checkMutation(here, template);
        return template;
    }

    private void checkPlaceholders(CatalogNodes here, CommandTemplate template) {
        boolean usesFilter = false;
        for (Placeholder placeholder : TemplateText.parse(template.command()).placeholders()) {
            String name = placeholder.name();
            if (CommandRenderer.FILTER.equals(name)) {
                if (placeholder.optionalFlag()) {
                    throw here.error("{--filter} is not allowed; write --filter={filter}");
                }
                usesFilter = true;
            } else if (placeholder.optionalFlag() && !TemplateValues.VALUE_NAMES.contains(name)) {
                throw here.error(
                        "{--" + name + "} is not an optional flag; flags exist for " + sorted(TemplateValues.VALUE_NAMES));
            } else {
                known(here, name);
            }
        }
        if (template.filter() != null) {
            singleLine(here, template.filter(), "filter", MAX_TEMPLATE);
            if (!usesFilter) {
                throw here.error("has a 'filter' but the command does not use {filter}");
            }
            for (Placeholder placeholder : TemplateText.parse(template.filter()).placeholders()) {
                if (placeholder.optionalFlag()) {
                    throw here.error("optional flags like {--" + placeholder.name() + "} are not allowed in a filter");
                }
                known(here, placeholder.name());
            }
        } else if (usesFilter) {
            throw here.error("uses {filter} but has no 'filter'");
        }
        for (String required : template.requires()) {
            known(here, required);
        }
    }

    private void checkMutation(CatalogNodes here, CommandTemplate template) {
        if (template.mutating()) {
            if (step != ResponseStep.IMMEDIATE_RESPONSE) {
                throw here.error("is marked mutating, but state-changing commands are only allowed in "
                        + ResponseStep.IMMEDIATE_RESPONSE.wireName());
            }
            return;
        }
        MutationGuard.mutatingVerb(TemplateText.parse(template.command()).literalText()).ifPresent(verb -> {
            throw here.error("runs '" + verb + "', which changes state, but is not marked 'mutating: true' "
                    + "(allowed only in " + ResponseStep.IMMEDIATE_RESPONSE.wireName() + ")");
        });
    }

    private static void known(CatalogNodes here, String name) {
        if (!TemplateValues.isKnown(name)) {
            throw here.error("unknown placeholder {" + name + "}; known: " + sorted(TemplateValues.VALUE_NAMES) + ", "
                    + sorted(TemplateValues.EXPRESSION_NAMES) + " and {label.KEY}; write {{ and }} for literal braces");
        }
    }

    private static void singleLine(CatalogNodes here, String text, String key, int maxLength) {
        if (text.length() > maxLength) {
            throw here.error("'" + key + "' is longer than " + maxLength + " characters");
        }
        if (!ShellQuote.sanitize(text).equals(text)) {
            throw here.error("'" + key + "' must be one line without control or invisible characters");
        }
    }

    private static String sorted(Set<String> names) {
        return names.stream().sorted().toList().toString();
    }
}
