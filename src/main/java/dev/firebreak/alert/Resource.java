package dev.firebreak.alert;

import java.util.Map;

/**
 * The monitored resource an alert is about.
 *
 * @param type monitored resource type, e.g. {@code k8s_container}; empty when unknown
 * @param labels identifying labels of the resource (never null)
 * @param displayName short human name, may be null
 * @param name long free-text name, may be null
 * @param typeDisplayName human name of the type, may be null
 */
public record Resource(String type, Map<String, String> labels, String displayName, String name, String typeDisplayName) {
    public Resource {
        type = type == null ? "" : type;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A label value or null. */
    public String label(String key) {
        return labels.get(key);
    }
}
