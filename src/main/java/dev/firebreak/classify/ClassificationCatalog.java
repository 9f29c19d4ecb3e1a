package dev.firebreak.classify;

/** TEMPORARY STUB until the classify branch merges. */
public final class ClassificationCatalog {
    public static ClassificationCatalog builtIn() {
        return new ClassificationCatalog();
    }
}
