package dev.firebreak.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command or filter template split into literal text and placeholders ({@code {name}} or {@code {--name}});
 * doubled braces stand for one literal brace, and any other brace is literal text.
 */
record TemplateText(List<Part> parts) {
    private static final Pattern PLACEHOLDER = Pattern
            .compile("\\{(--)?([A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9_./-]+)?)}");

    /**
     * Templates come only from the catalogs (a few hundred at most) and are rendered for every new incident and every
     * notice, so each is parsed once; the bound only guards against a catalog that is reloaded with new text forever.
     */
    private static final int PARSED_LIMIT = 4096;
    private static final Map<String, TemplateText> PARSED = new ConcurrentHashMap<>();

    TemplateText {
        parts = List.copyOf(parts);
    }

    /** One piece of a template. */
    sealed interface Part permits Literal, Placeholder {
    }

    /** Text copied as it is. */
    record Literal(String text) implements Part {
    }

    /**
     * A value to fill in.
     *
     * @param name placeholder name, e.g. {@code pod} or {@code label.team}
     * @param optionalFlag true for {@code {--name}}: renders {@code --name=value}, or nothing when the value is missing
     */
    record Placeholder(String name, boolean optionalFlag) implements Part {
    }

    static TemplateText parse(String source) {
        TemplateText known = PARSED.get(source);
        if (known != null) {
            return known;
        }
        TemplateText parsed = parseText(source);
        if (PARSED.size() < PARSED_LIMIT) {
            PARSED.putIfAbsent(source, parsed);
        }
        return parsed;
    }

    private static TemplateText parseText(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(source);
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("{{", i) || source.startsWith("}}", i)) {
                literal.append(source.charAt(i));
                i += 2;
            } else if (source.charAt(i) == '{' && matcher.region(i, source.length()).lookingAt()) {
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(matcher.group(2), matcher.group(1) != null));
                i = matcher.end();
            } else {
                literal.append(source.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new TemplateText(parts);
    }

    List<Placeholder> placeholders() {
        return parts.stream().filter(Placeholder.class::isInstance).map(Placeholder.class::cast).toList();
    }

    /** The template with each value placeholder shown as {@code {}} and each optional flag as {@code --name=x}. */
    String literalText() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                out.append(placeholder.optionalFlag() ? " --" + placeholder.name() + "=x" : "{}");
            }
        }
        return out.toString();
    }
}
