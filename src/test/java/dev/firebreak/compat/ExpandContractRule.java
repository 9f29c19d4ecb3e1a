package dev.firebreak.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expand/contract rule for migrations, checked statement by statement: during a rolling update the previous
 * release's code runs on the new schema, so a migration may only add (tables, nullable columns or columns with a
 * default, indexes, constraints old rows satisfy). A step that breaks the previous release's SQL (dropping or renaming
 * what it reads, changing a type, making a column it does not write mandatory) is a contract step: allowed only one
 * release after the code stopped using the thing, and then marked by a comment {@code -- contract: <reason>} right
 * before the statement. Comments and string literals are ignored when matching.
 */
final class ExpandContractRule {
    /** The comment that marks a deliberate contract step; the reason after the colon is required. */
    static final Pattern CONTRACT_MARK = Pattern.compile("--\\s*contract:\\s*\\S.*", Pattern.CASE_INSENSITIVE);

    private record Check(String name, Pattern pattern) {
    }

    private static final List<Check> CHECKS = List.of(
            new Check("DROP TABLE", regex("\\bDROP\\s+TABLE\\b")),
            new Check("DROP COLUMN", regex("\\bDROP\\s+COLUMN\\b|^\\s*ALTER\\s+TABLE\\b.*\\bDROP\\s+"
                    + "(?!(COLUMN|CONSTRAINT|DEFAULT|NOT|IDENTITY|EXPRESSION)\\b)[\\w\"]")),
            new Check("DROP VIEW/TYPE/FUNCTION/SEQUENCE/SCHEMA",
                    regex("\\bDROP\\s+(MATERIALIZED\\s+VIEW|VIEW|TYPE|FUNCTION|SEQUENCE|SCHEMA)\\b")),
            new Check("DROP INDEX (the previous release's ON CONFLICT may need it)", regex("\\bDROP\\s+INDEX\\b")),
            new Check("DROP CONSTRAINT (the previous release's ON CONFLICT may need it)",
                    regex("\\bDROP\\s+CONSTRAINT\\b")),
            new Check("DROP DEFAULT (the previous release's INSERTs may rely on it)", regex("\\bDROP\\s+DEFAULT\\b")),
            new Check("RENAME", regex("\\bRENAME\\b")),
            new Check("ALTER COLUMN ... TYPE", regex("\\bALTER\\s+(COLUMN\\s+)?\\S+\\s+(SET\\s+DATA\\s+)?TYPE\\b")),
            new Check("SET NOT NULL (the previous release's INSERTs do not write the column)",
                    regex("\\bSET\\s+NOT\\s+NULL\\b")),
            new Check("TRUNCATE", regex("\\bTRUNCATE\\b")));
    /** {@code ADD [COLUMN] name type ... NOT NULL} up to the next comma at depth 0 or the end of the statement. */
    private static final Pattern ADD_COLUMN = regex("\\bADD\\s+(COLUMN\\s+)?(IF\\s+NOT\\s+EXISTS\\s+)?(?!CONSTRAINT\\b)"
            + "(?!(PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE)\\b)\\S+\\s+");

    /** One statement that breaks the rule. */
    record Violation(String file, int line, String rule, String statement) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + rule + " without a '-- contract: <reason>' mark: " + statement;
        }
    }

    private ExpandContractRule() {
    }

    /** The statements of {@code sql} (from {@code file}) that break the rule. */
    static List<Violation> check(String file, String sql) {
        List<Violation> violations = new ArrayList<>();
        for (Statement statement : split(sql)) {
            if (statement.contract()) {
                continue;
            }
            String code = statement.code();
            for (Check check : CHECKS) {
                if (check.pattern().matcher(code).find()) {
                    violations.add(new Violation(file, statement.line(), check.name(), statement.oneLine()));
                }
            }
            if (addsMandatoryColumnWithoutDefault(code)) {
                violations.add(new Violation(file, statement.line(),
                        "ADD COLUMN ... NOT NULL without DEFAULT (the previous release's INSERTs do not write it)",
                        statement.oneLine()));
            }
        }
        return violations;
    }

    private static boolean addsMandatoryColumnWithoutDefault(String code) {
        if (!Pattern.compile("^\\s*ALTER\\s+TABLE\\b", Pattern.CASE_INSENSITIVE).matcher(code).find()) {
            return false;
        }
        Matcher add = ADD_COLUMN.matcher(code);
        while (add.find()) {
            String definition = untilTopLevelComma(code, add.end()).toUpperCase();
            boolean notNull = definition.matches("(?s).*\\bNOT\\s+NULL\\b.*");
            boolean hasDefault = definition.matches("(?s).*\\b(DEFAULT|GENERATED)\\b.*");
            if (notNull && !hasDefault) {
                return true;
            }
        }
        return false;
    }

    private static String untilTopLevelComma(String code, int from) {
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return code.substring(from, i);
            }
        }
        return code.substring(from);
    }

    /** A statement without comments and with string literals blanked, its first line, and its contract mark. */
    private record Statement(String code, int line, boolean contract, String original) {
        String oneLine() {
            String flat = original.replaceAll("\\s+", " ").trim();
            return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
        }
    }

    /**
     * Splits on semicolons outside comments, string literals and dollar-quoted bodies; a {@code -- contract:} line
     * comment marks the statement that follows it (or contains it).
     */
    private static List<Statement> split(String sql) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        StringBuilder original = new StringBuilder();
        boolean contract = false;
        int line = 1;
        int startLine = -1;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                if (CONTRACT_MARK.matcher(sql.substring(i, end)).matches()) {
                    contract = true;
                }
                code.append(' ');
                i = end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                line += count(sql.substring(i, end), '\n');
                code.append(' ');
                i = end;
            } else if (c == '\'' || c == '"' || (c == '$' && dollarTag(sql, i) != null)) {
                String close = c == '$' ? dollarTag(sql, i) : String.valueOf(c);
                int end = sql.indexOf(close, i + close.length());
                end = end < 0 ? sql.length() : end + close.length();
                String literal = sql.substring(i, end);
                line += count(literal, '\n');
                original.append(literal);
                // identifiers in double quotes stay matchable; text and bodies are blanked
                code.append(c == '"' ? literal : " '' ");
                startLine = startLine < 0 ? line : startLine;
                i = end;
            } else if (c == ';') {
                add(statements, code, original, startLine, contract);
                code.setLength(0);
                original.setLength(0);
                contract = false;
                startLine = -1;
                i++;
            } else {
                if (c == '\n') {
                    line++;
                } else if (!Character.isWhitespace(c) && startLine < 0) {
                    startLine = line;
                }
                code.append(c);
                original.append(c);
                i++;
            }
        }
        add(statements, code, original, startLine, contract);
        return statements;
    }

    private static void add(List<Statement> statements, StringBuilder code, StringBuilder original, int line,
            boolean contract) {
        if (!code.toString().isBlank()) {
            statements.add(new Statement(code.toString(), line, contract, original.toString()));
        }
    }

    private static String dollarTag(String sql, int at) {
        Matcher tag = Pattern.compile("\\$[A-Za-z_]*\\$").matcher(sql);
        return tag.find(at) && tag.start() == at ? tag.group() : null;
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }

    private static Pattern regex(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
