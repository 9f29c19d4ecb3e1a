package dev.firebreak.classify;

/**
 * What made one condition hold: the condition's catalog key, the alert input it read and the text it matched.
 *
 * @param condition catalog key of the condition, e.g. {@code summary}
 * @param input label of the alert input that matched, e.g. {@code condition name}
 * @param text the matched value, already shortened for a sentence
 */
record Evidence(String condition, String input, String text) {
}
