package dev.firebreak.runbook;

import java.util.Optional;

import dev.firebreak.runbook.TemplateText.Literal;
import dev.firebreak.runbook.TemplateText.Part;
import dev.firebreak.runbook.TemplateText.Placeholder;

/**
 * Fills a command template with an alert's values: every value shell-quoted, a missing one shown as {@code <name>}.
 */
final class CommandRenderer {
    static final String FILTER = "filter";

    private CommandRenderer() {
    }

    /** The rendered command, or empty when one of its required placeholders has no value. */
    static Optional<DiagnosticCommand> render(CommandTemplate template, TemplateValues values) {
        for (String required : template.requires()) {
            if (values.value(required).isEmpty()) {
                return Optional.empty();
            }
        }
        String filter = template.filter() == null ? null : renderFilter(TemplateText.parse(template.filter()), values);
        StringBuilder out = new StringBuilder();
        for (Part part : TemplateText.parse(template.command()).parts()) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                appendCommandValue(out, placeholder, values, filter);
            }
        }
        return Optional.of(new DiagnosticCommand(template.title(), out.toString().strip(), template.mutating()));
    }

    private static void appendCommandValue(StringBuilder out, Placeholder placeholder, TemplateValues values,
            String filter) {
        if (FILTER.equals(placeholder.name())) {
            out.append(ShellQuote.quote(filter));
            return;
        }
        Optional<String> value = values.value(placeholder.name());
        if (placeholder.optionalFlag()) {
            if (value.isPresent()) {
                out.append("--").append(placeholder.name()).append('=').append(ShellQuote.quote(value.get()));
            } else if (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
            return;
        }
        out.append(value.map(ShellQuote::quote).orElse(missing(placeholder.name())));
    }

    /** Values become quoted filter literals, expressions go in as they are; the whole result is quoted later. */
    private static String renderFilter(TemplateText filter, TemplateValues values) {
        StringBuilder out = new StringBuilder();
        for (Part part : filter.parts()) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                Optional<String> value = values.value(placeholder.name());
                if (value.isEmpty()) {
                    out.append(missing(placeholder.name()));
                } else if (TemplateValues.isExpression(placeholder.name())) {
                    out.append(value.get());
                } else {
                    out.append(LogFilterLiteral.of(value.get()));
                }
            }
        }
        return out.toString().strip();
    }

    private static String missing(String name) {
        return "<" + name + ">";
    }
}
