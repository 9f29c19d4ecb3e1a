package dev.firebreak.notify.slack;

/**
 * Escaping and truncation for Slack text (mrkdwn control characters, links, Block Kit length limits).
 */
final class SlackText {
    private SlackText() {
    }

    /** Escapes the three characters Slack's mrkdwn treats as control sequences. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Cuts to {@code max} characters with an ellipsis, never splitting a surrogate pair. */
    static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** A mrkdwn link, or the plain label when the URL is not a safe http(s) URL. */
    static String link(String url, String label) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.contains("|") || url.contains(">")
                || url.contains("<") || url.contains(" ") || url.length() > 2000) {
            return escape(label);
        }
        return "<" + url + "|" + escape(label).replace("|", "¦") + ">";
    }

    /** Text for a code block: no triple backticks that would end it early. */
    static String code(String text) {
        return escape(text).replace("```", "ʼʼʼ");
    }
}
