package dev.firebreak.classify;

/**
 * Small text helpers for human-facing strings: one line, bounded length, no split surrogate pairs.
 */
final class Texts {
    static final String ELLIPSIS = "…";

    private Texts() {
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** Collapses every run of whitespace or control characters into one space and trims. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Cuts the text to at most {@code max} UTF-16 units, ending with an ellipsis when something was cut. */
    static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(end, 0)).stripTrailing() + ELLIPSIS;
    }

    /** {@link #oneLine} then {@link #truncate}. */
    static String clip(String text, int max) {
        return truncate(oneLine(text), max);
    }
}
