package dev.firebreak.alert;

/**
 * Which kind of alert-policy condition produced the alert.
 */
public enum ConditionKind {
    METRIC_THRESHOLD, METRIC_ABSENCE, LOG_MATCH, MQL, PROMQL, SQL, UPTIME_CHECK, UNKNOWN
}
