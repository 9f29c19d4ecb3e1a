package dev.firebreak.runbook;

/**
 * Cloud Logging query string literals: a value in double quotes with backslash and quote escaped.
 */
final class LogFilterLiteral {
    private LogFilterLiteral() {
    }

    static String of(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
