package dev.firebreak.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.firebreak.incident.workflow.ResponseStep;

/**
 * An ordered list of diagnostic rules, first match wins, with a fallback rule last; loaded from YAML.
 */
public final class DiagnosticCatalog {
    /** Classpath location of the built-in catalog. */
    public static final String BUILT_IN_RESOURCE = "/firebreak/diagnostics.yaml";

    private final String sourceName;
    private final Map<String, DiagnosticRule> rulesById;
    private final DiagnosticRule fallback;

    private DiagnosticCatalog(String sourceName, List<DiagnosticRule> rules) {
        this.sourceName = sourceName;
        this.rulesById = new LinkedHashMap<>();
        DiagnosticRule last = null;
        for (DiagnosticRule rule : rules) {
            if (rule.fallback()) {
                last = rule;
            } else {
                rulesById.put(rule.id(), rule);
            }
        }
        this.fallback = last;
        if (fallback != null) {
            checkExtends();
        }
    }

    /** The catalog shipped with Firebreak. */
    public static DiagnosticCatalog builtIn() {
        return BuiltIn.CATALOG;
    }

    /**
     * Parses and validates a catalog.
     *
     * @throws DiagnosticCatalogException naming the source, the rule id and what is wrong
     */
    public static DiagnosticCatalog parse(InputStream yaml, String sourceName) {
        return new DiagnosticCatalog(sourceName, CatalogParser.parse(yaml, sourceName));
    }

    /** Reads and validates a catalog file. */
    public static DiagnosticCatalog load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read diagnostics catalog " + path, e);
        }
    }

    /**
     * A catalog with the user's rules first and this catalog's after them. A user rule with the id of one of ours
     * replaces it; a user fallback rule replaces ours.
     */
    public DiagnosticCatalog withUserRulesFirst(DiagnosticCatalog user) {
        List<DiagnosticRule> merged = new ArrayList<>(user.rules());
        rulesById.values().stream().filter(rule -> !user.rulesById.containsKey(rule.id())).forEach(merged::add);
        user.fallback().or(this::fallback).ifPresent(merged::add);
        return new DiagnosticCatalog(user.sourceName + " + " + sourceName, merged);
    }

    /** The matching rules in order, without the fallback. */
    public List<DiagnosticRule> rules() {
        return List.copyOf(rulesById.values());
    }

    public Optional<DiagnosticRule> fallback() {
        return Optional.ofNullable(fallback);
    }

    public String sourceName() {
        return sourceName;
    }

    /** A rule by id, including the fallback. */
    public Optional<DiagnosticRule> rule(String id) {
        if (fallback != null && fallback.id().equals(id)) {
            return Optional.of(fallback);
        }
        return Optional.ofNullable(rulesById.get(id));
    }

    /**
     * A rule's commands per step: its own first, then those of the rules it extends, without duplicates; steps none
     * of them define are absent (the caller falls back to the fallback rule).
     */
    Map<ResponseStep, List<CommandTemplate>> inheritedSteps(DiagnosticRule rule) {
        Map<ResponseStep, Set<CommandTemplate>> steps = new EnumMap<>(ResponseStep.class);
        for (DiagnosticRule current : chain(rule)) {
            current.steps()
                    .forEach((step, commands) -> steps.computeIfAbsent(step, s -> new LinkedHashSet<>())
                            .addAll(commands));
        }
        Map<ResponseStep, List<CommandTemplate>> result = new EnumMap<>(ResponseStep.class);
        steps.forEach((step, commands) -> result.put(step, List.copyOf(commands)));
        return result;
    }

    private List<DiagnosticRule> chain(DiagnosticRule rule) {
        List<DiagnosticRule> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        DiagnosticRule current = rule;
        while (current != null) {
            if (!seen.add(current.id())) {
                throw new DiagnosticCatalogException(sourceName + ": rule '" + rule.id() + "': 'extends' forms a cycle "
                        + "through '" + current.id() + "'");
            }
            chain.add(current);
            String parentId = current.extendsRuleId();
            if (parentId == null) {
                break;
            }
            DiagnosticRule from = current;
            current = rule(parentId).orElseThrow(() -> new DiagnosticCatalogException(sourceName + ": rule '"
                    + from.id() + "': extends unknown rule '" + parentId + "'"));
        }
        return chain;
    }

    private void checkExtends() {
        rulesById.values().forEach(this::chain);
    }

    /** Loads the shipped catalog once. */
    private static final class BuiltIn {
        static final DiagnosticCatalog CATALOG = loadBuiltIn();

        private static DiagnosticCatalog loadBuiltIn() {
            try (InputStream in = DiagnosticCatalog.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("built-in diagnostics catalog missing: " + BUILT_IN_RESOURCE);
                }
                DiagnosticCatalog catalog = parse(in, "classpath:" + BUILT_IN_RESOURCE);
                if (catalog.fallback == null) {
                    throw new IllegalStateException("built-in diagnostics catalog has no fallback rule");
                }
                return catalog;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
