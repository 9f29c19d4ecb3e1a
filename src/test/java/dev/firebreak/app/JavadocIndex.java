package dev.firebreak.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Javadoc of the abstract methods of every interface (and nested interface) in one Java source, found by a small
 * scanner that understands comments, string literals and braces: enough for {@code @ConfigMapping} interfaces.
 */
final class JavadocIndex {
    private static final Pattern TYPE = Pattern.compile("\\b(?:interface|class|enum|record)\\s+(\\w+)");
    private static final Pattern ABSTRACT_METHOD = Pattern.compile("(\\w+)\\s*\\(\\s*\\)\\s*$");
    private static final Pattern LINK_TO_METHOD = Pattern.compile("\\{@link\\s+#(\\w+)\\(\\)}");
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal)\\s+([^}]*)}");
    private static final Pattern OTHER_TAG = Pattern.compile("\\{@\\w+\\s+([^}]*)}");

    private JavadocIndex() {
    }

    /** Type simple name → method name → its Javadoc as one line of Markdown. */
    static Map<String, Map<String, String>> of(String source) {
        Map<String, Map<String, String>> docs = new HashMap<>();
        Deque<String> types = new ArrayDeque<>();
        StringBuilder statement = new StringBuilder();
        String pendingDoc = null;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("/**", i) || source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (source.startsWith("/**", i)) {
                    pendingDoc = source.substring(i + 3, end);
                }
                i = end + 2;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end + 1;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                statement.append(source, i, end + 1);
                i = end + 1;
            } else if (c == '{') {
                Matcher type = TYPE.matcher(statement);
                types.push(type.find() ? type.group(1) : "");
                statement.setLength(0);
                pendingDoc = null;
                i++;
            } else if (c == '}') {
                if (!types.isEmpty()) {
                    types.pop();
                }
                statement.setLength(0);
                pendingDoc = null;
                i++;
            } else if (c == ';') {
                Matcher method = ABSTRACT_METHOD.matcher(statement);
                if (pendingDoc != null && !types.isEmpty() && !types.peek().isEmpty() && method.find()) {
                    docs.computeIfAbsent(types.peek(), k -> new HashMap<>()).put(method.group(1), markdown(pendingDoc));
                }
                statement.setLength(0);
                pendingDoc = null;
                i++;
            } else {
                statement.append(c);
                i++;
            }
        }
        return docs;
    }

    /** Javadoc text as one Markdown line: no leading stars, {@code x} as code, links to methods as setting names. */
    static String markdown(String javadoc) {
        String text = javadoc.replaceAll("(?m)^\\s*\\*\\s?", " ").replaceAll("\\s+", " ").trim();
        text = LINK_TO_METHOD.matcher(text).replaceAll(m -> "`" + kebab(m.group(1)) + "`");
        text = INLINE_TAG.matcher(text).replaceAll(m -> Matcher.quoteReplacement("`" + m.group(1).trim() + "`"));
        text = OTHER_TAG.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1).trim()));
        return text.replace("|", "\\|");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
