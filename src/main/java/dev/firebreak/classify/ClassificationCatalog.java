package dev.firebreak.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.firebreak.alert.Severity;

/**
 * An ordered list of classification rules plus the default severity, loaded from YAML and validated on load.
 */
public final class ClassificationCatalog {
    /** Classpath location of the shipped catalog. */
    public static final String BUILT_IN_RESOURCE = "/firebreak/classification-rules.yaml";

    private static final class BuiltIn {
        static final ClassificationCatalog INSTANCE = loadBuiltIn();
    }

    private final String sourceName;
    private final List<ClassificationRule> rules;
    private final Severity defaultSeverity;
    private final boolean defaultDeclared;

    ClassificationCatalog(String sourceName, List<ClassificationRule> rules, Severity defaultSeverity,
            boolean defaultDeclared) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.rules = List.copyOf(rules);
        this.defaultSeverity = Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        this.defaultDeclared = defaultDeclared;
    }

    /** The catalog shipped in the jar ({@value #BUILT_IN_RESOURCE}); parsed once. */
    public static ClassificationCatalog builtIn() {
        return BuiltIn.INSTANCE;
    }

    /** Parses and validates a catalog; {@code sourceName} prefixes every error message. */
    public static ClassificationCatalog parse(InputStream yaml, String sourceName) {
        Objects.requireNonNull(yaml, "yaml");
        return new CatalogParser(sourceName == null ? "classification catalog" : sourceName).parse(yaml);
    }

    /** Reads, parses and validates a catalog file. */
    public static ClassificationCatalog load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new ClassificationCatalogException(path + ": cannot read classification catalog: " + e, e);
        }
    }

    /**
     * A catalog whose rules are {@code user}'s followed by this catalog's. A user rule with the id of one of these
     * rules replaces it. The user's {@code defaultSeverity} wins when the user file declares one.
     */
    public ClassificationCatalog withUserRulesFirst(ClassificationCatalog user) {
        Objects.requireNonNull(user, "user");
        Set<String> userIds = user.rules.stream().map(ClassificationRule::id).collect(Collectors.toSet());
        List<ClassificationRule> merged = new ArrayList<>(user.rules);
        rules.stream().filter(rule -> !userIds.contains(rule.id())).forEach(merged::add);
        Severity mergedDefault = user.defaultDeclared ? user.defaultSeverity : defaultSeverity;
        return new ClassificationCatalog(user.sourceName + " + " + sourceName, merged, mergedDefault,
                user.defaultDeclared || defaultDeclared);
    }

    /** The rules in evaluation order. */
    public List<ClassificationRule> rules() {
        return rules;
    }

    /** The severity when no rule matches. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Where the rules came from, for logs and errors. */
    public String sourceName() {
        return sourceName;
    }

    @Override
    public String toString() {
        return "ClassificationCatalog[" + sourceName + ", " + rules.size() + " rules, default "
                + defaultSeverity.wireName() + "]";
    }

    private static ClassificationCatalog loadBuiltIn() {
        try (InputStream in = ClassificationCatalog.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new ClassificationCatalogException("classpath:" + BUILT_IN_RESOURCE + " is missing");
            }
            return parse(in, "classpath:" + BUILT_IN_RESOURCE);
        } catch (IOException e) {
            throw new ClassificationCatalogException("cannot read classpath:" + BUILT_IN_RESOURCE + ": " + e, e);
        }
    }
}
