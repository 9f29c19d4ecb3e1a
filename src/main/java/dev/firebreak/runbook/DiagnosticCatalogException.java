package dev.firebreak.runbook;

/**
 * A diagnostics catalog file is malformed; the message names the file, the rule id and what is wrong.
 */
public class DiagnosticCatalogException extends IllegalArgumentException {
    public DiagnosticCatalogException(String message) {
        super(message);
    }

    public DiagnosticCatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
