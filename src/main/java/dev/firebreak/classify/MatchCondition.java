package dev.firebreak.classify;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.firebreak.alert.Alert;
import dev.firebreak.classify.AlertInputs.ChoiceInput;
import dev.firebreak.classify.AlertInputs.LabelInput;
import dev.firebreak.classify.AlertInputs.TextInput;

/**
 * One condition of a rule's match block; holds or not for an alert and says why.
 */
sealed interface MatchCondition {
    /** Longest evidence text shown whole; longer inputs show only the matched part. */
    int WHOLE_INPUT_LIMIT = 60;
    /** Longest evidence text at all. */
    int EVIDENCE_LIMIT = 80;
    /** Inputs are cut to this length before regex matching to bound the work on huge documentation. */
    int MATCH_INPUT_LIMIT = 16_384;

    /** Evidence when the condition holds (possibly none, e.g. for {@code not}); empty when it does not hold. */
    Optional<List<Evidence>> test(Alert alert);

    /** A regex searched (case-insensitively, anywhere) in one or more text inputs. */
    record TextMatch(String key, List<TextInput> inputs, Pattern pattern) implements MatchCondition {
        @Override
        public Optional<List<Evidence>> test(Alert alert) {
            for (TextInput input : inputs) {
                String value = input.valueOf(alert);
                String bounded = value.length() > MATCH_INPUT_LIMIT ? value.substring(0, MATCH_INPUT_LIMIT) : value;
                Matcher matcher = pattern.matcher(bounded);
                if (matcher.find()) {
                    String shown = value.length() <= WHOLE_INPUT_LIMIT ? value : matcher.group();
                    return Optional.of(List.of(new Evidence(key, input.label(), Texts.clip(shown, EVIDENCE_LIMIT))));
                }
            }
            return Optional.empty();
        }
    }

    /** The input equals one of the listed values, ignoring case. */
    record ChoiceMatch(String key, ChoiceInput input, Set<String> allowedLowerCase) implements MatchCondition {
        @Override
        public Optional<List<Evidence>> test(Alert alert) {
            String value = input.read().apply(alert);
            if (value == null || !allowedLowerCase.contains(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            return Optional.of(List.of(new Evidence(key, input.label(), Texts.clip(value, EVIDENCE_LIMIT))));
        }
    }

    /**
     * Every listed label key is present with one of its allowed values (ignoring case); an empty allowed set means
     * any value.
     */
    record LabelMatch(String key, LabelInput input, Map<String, Set<String>> allowedLowerCase)
            implements
                MatchCondition {
        @Override
        public Optional<List<Evidence>> test(Alert alert) {
            Map<String, String> labels = input.read().apply(alert);
            StringBuilder shown = new StringBuilder();
            for (Map.Entry<String, Set<String>> wanted : allowedLowerCase.entrySet()) {
                String value = labels.get(wanted.getKey());
                if (value == null) {
                    return Optional.empty();
                }
                Set<String> allowed = wanted.getValue();
                if (!allowed.isEmpty() && !allowed.contains(value.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.empty();
                }
                shown.append(shown.length() == 0 ? "" : ", ").append(wanted.getKey()).append('=').append(value);
            }
            return Optional.of(List.of(new Evidence(key, input.label(), Texts.clip(shown.toString(),
                    EVIDENCE_LIMIT))));
        }
    }

    /** The observed value is a number and compares to a constant; non-numeric values never match. */
    record ObservedValueMatch(Comparison comparison, BigDecimal operand) implements MatchCondition {
        @Override
        public Optional<List<Evidence>> test(Alert alert) {
            return alert.observedNumber()
                    .filter(observed -> comparison.holds(observed.compareTo(operand)))
                    .map(observed -> List.of(new Evidence(AlertInputs.OBSERVED_VALUE, "observed value",
                            Texts.clip(alert.observedValue(), EVIDENCE_LIMIT))));
        }
    }

    /** At least one alternative holds; the first one that does gives the evidence. */
    record AnyOf(List<RuleMatch> alternatives) implements MatchCondition {
        @Override
        public Optional<List<Evidence>> test(Alert alert) {
            for (RuleMatch alternative : alternatives) {
                Optional<List<Evidence>> evidence = alternative.evaluate(alert);
                if (evidence.isPresent()) {
                    return evidence;
                }
            }
            return Optional.empty();
        }
    }

    /** The nested match does not hold; gives no evidence. */
    record Not(RuleMatch negated) implements MatchCondition {
        @Override
        public Optional<List<Evidence>> test(Alert alert) {
            return negated.evaluate(alert).isPresent() ? Optional.empty() : Optional.of(List.of());
        }
    }

    /** A numeric comparison operator as written in a catalog. */
    enum Comparison {
        LESS_OR_EQUAL("<="), GREATER_OR_EQUAL(">="), NOT_EQUAL("!="), EQUAL("=="), LESS("<"), GREATER(">");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /** Whether {@code observed compareTo operand} (negative, zero, positive) satisfies this operator. */
        boolean holds(int order) {
            return switch (this) {
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER_OR_EQUAL -> order >= 0;
                case NOT_EQUAL -> order != 0;
                case EQUAL -> order == 0;
                case LESS -> order < 0;
                case GREATER -> order > 0;
            };
        }
    }
}
