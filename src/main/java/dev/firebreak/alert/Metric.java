package dev.firebreak.alert;

import java.util.Map;

/**
 * The metric an alert condition watched; empty strings for log-match conditions.
 *
 * @param type metric type, e.g. {@code compute.googleapis.com/instance/cpu/utilization}; empty when unknown
 * @param displayName human name, may be empty
 * @param labels metric labels (never null)
 */
public record Metric(String type, String displayName, Map<String, String> labels) {
    public static final Metric NONE = new Metric("", "", Map.of());

    public Metric {
        type = type == null ? "" : type;
        displayName = displayName == null ? "" : displayName;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
