package dev.firebreak.runbook;

/**
 * POSIX shell quoting for values pasted into suggested commands, so a copied command runs only what it shows.
 */
public final class ShellQuote {
    /** Punctuation that never needs quoting; with ASCII letters and digits, the characters of a plain word. */
    private static final String PLAIN_PUNCTUATION = "._/:=@%+-";
    private static final char REPLACEMENT = '?';

    private ShellQuote() {
    }

    /**
     * Quotes one value as a single shell word. Plain values stay as they are, everything else is single-quoted with
     * {@code '\''} for embedded quotes, and the empty string becomes {@code ''}. Control, format (bidi, zero-width)
     * and line-separator characters are replaced with {@code ?} first, so the word is always one visible line.
     */
    public static String quote(String value) {
        if (value == null || value.isEmpty()) {
            return "''";
        }
        String clean = sanitize(value);
        // zsh expands a word starting with '=' to a command path, so such a word is quoted too
        if (isPlain(clean) && clean.charAt(0) != '=') {
            return clean;
        }
        return "'" + clean.replace("'", "'\\''") + "'";
    }

    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && PLAIN_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Replaces every character that is invisible or breaks the line with {@code ?}. */
    static String sanitize(String value) {
        if (isPrintableAscii(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(i + 1));
                if (isUnsafe(codePoint)) {
                    out.append(REPLACEMENT);
                } else {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c) || isUnsafe(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnsafe(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
    }
}
