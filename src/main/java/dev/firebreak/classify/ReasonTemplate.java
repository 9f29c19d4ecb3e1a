package dev.firebreak.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.Severity;

/**
 * A rule's reason sentence with {@code {placeholder}} slots filled from the alert and the match evidence; the
 * severity and a colon are prefixed when rendering.
 */
public final class ReasonTemplate {
    /** Longest reason rendered; Slack shows it in a section field. */
    static final int MAX_REASON_LENGTH = 300;
    static final String MISSING = "(none)";
    private static final String MATCHED = "matched";
    private static final String MATCHED_INPUT = "matchedInput";
    private static final String MATCHED_PREFIX = "matched.";
    private static final String SEVERITY = "severity";

    private final String text;
    private final List<Part> parts;

    private ReasonTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses a template; throws {@link IllegalArgumentException} naming an unbalanced brace or unknown placeholder.
     */
    static ReasonTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int close = text.indexOf('}', i);
            if (close >= 0 && (open < 0 || close < open)) {
                throw new IllegalArgumentException("'}' at position " + close + " has no matching '{'");
            }
            if (open < 0) {
                parts.add(new Literal(text.substring(i)));
                break;
            }
            if (close < 0) {
                throw new IllegalArgumentException("'{' at position " + open + " is never closed");
            }
            parts.add(new Literal(text.substring(i, open)));
            parts.add(placeholder(text.substring(open + 1, close).trim()));
            i = close + 1;
        }
        return new ReasonTemplate(text, List.copyOf(parts));
    }

    /** The template as written in the catalog. */
    public String text() {
        return text;
    }

    /** The filled sentence: {@code "<severity>: <template with placeholders filled>"}, one line, bounded. */
    String render(Severity severity, Alert alert, List<Evidence> evidence) {
        StringBuilder out = new StringBuilder(severity.wireName()).append(": ");
        for (Part part : parts) {
            out.append(part.value(severity, alert, evidence));
        }
        return Texts.clip(out.toString(), MAX_REASON_LENGTH);
    }

    @Override
    public String toString() {
        return text;
    }

    private static Part placeholder(String name) {
        if (name.equals(SEVERITY)) {
            return (severity, alert, evidence) -> severity.wireName();
        }
        if (name.equals(MATCHED)) {
            return (severity, alert, evidence) -> firstEvidence(evidence, null).map(Evidence::text).orElse(MISSING);
        }
        if (name.equals(MATCHED_INPUT)) {
            return (severity, alert, evidence) -> firstEvidence(evidence, null).map(Evidence::input).orElse(MISSING);
        }
        if (name.startsWith(MATCHED_PREFIX)) {
            String condition = name.substring(MATCHED_PREFIX.length());
            if (!AlertInputs.matchKeys().contains(condition) || condition.equals(AlertInputs.ANY_OF)
                    || condition.equals(AlertInputs.NOT)) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "}: after 'matched.' use a "
                        + "condition key, one of " + AlertInputs.matchKeys());
            }
            return (severity, alert, evidence) -> firstEvidence(evidence, condition).map(Evidence::text)
                    .orElse(MISSING);
        }
        Function<Alert, String> fixed = AlertInputs.PLACEHOLDERS.get(name);
        if (fixed != null) {
            return (severity, alert, evidence) -> orMissing(fixed.apply(alert));
        }
        for (Map.Entry<String, Function<Alert, Map<String, String>>> prefix : AlertInputs.LABEL_PLACEHOLDERS
                .entrySet()) {
            if (name.startsWith(prefix.getKey()) && name.length() > prefix.getKey().length()) {
                String key = name.substring(prefix.getKey().length());
                Function<Alert, Map<String, String>> labels = prefix.getValue();
                return (severity, alert, evidence) -> orMissing(labels.apply(alert).get(key));
            }
        }
        List<String> known = new ArrayList<>(List.of(SEVERITY, MATCHED, MATCHED_INPUT, MATCHED_PREFIX + "<condition>"));
        AlertInputs.LABEL_PLACEHOLDERS.keySet().stream().sorted().forEach(prefix -> known.add(prefix + "<key>"));
        AlertInputs.PLACEHOLDERS.keySet().stream().sorted().forEach(known::add);
        throw new IllegalArgumentException("unknown placeholder {" + name + "}; known: "
                + String.join(", ", known.stream().map(p -> "{" + p + "}").toList()));
    }

    private static Optional<Evidence> firstEvidence(List<Evidence> evidence, String condition) {
        return evidence.stream()
                .filter(e -> condition == null || e.condition().equals(condition))
                .filter(e -> !e.text().isEmpty())
                .findFirst();
    }

    private static String orMissing(String value) {
        return Texts.isBlank(value) ? MISSING : Texts.clip(value, MatchCondition.EVIDENCE_LIMIT);
    }

    private interface Part {
        String value(Severity severity, Alert alert, List<Evidence> evidence);
    }

    private record Literal(String text) implements Part {
        @Override
        public String value(Severity severity, Alert alert, List<Evidence> evidence) {
            return text;
        }
    }
}
