package dev.firebreak.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The objects {@code kubectl kustomize} renders from a folder of {@code k8s/}, and what the checks need from them.
 * kubectl is required: without it the manifests are not checked, so the tests fail (.ci/run installs it).
 */
final class KubernetesManifests {
    static final Path K8S = Path.of("k8s");
    /** What Argo CD syncs ({@code k8s/}, the prod overlay) and each overlay on its own. */
    static final List<String> TARGETS = List.of(".", "overlays/prod", "overlays/dev");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static final Map<String, KubernetesManifests> RENDERED = new ConcurrentHashMap<>();

    private final String target;
    private final List<JsonNode> objects;

    private KubernetesManifests(String target, List<JsonNode> objects) {
        this.target = target;
        this.objects = objects;
    }

    /** Renders {@code k8s/<target>} with kubectl's kustomize (once per test run). */
    static KubernetesManifests render(String target) {
        return RENDERED.computeIfAbsent(target, KubernetesManifests::kustomize);
    }

    private static KubernetesManifests kustomize(String target) {
        Path dir = K8S.resolve(target).normalize();
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false);
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("kubectl kustomize " + dir + " failed: " + err);
            }
            List<JsonNode> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(out)) {
                while (documents.hasNext()) {
                    JsonNode object = documents.next();
                    if (object != null && !object.isNull() && !object.isMissingNode()) {
                        objects.add(object);
                    }
                }
            }
            return new KubernetesManifests(target, List.copyOf(objects));
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to check the manifests in k8s/ (install the Debian package"
                    + " kubectl, as .ci/run does): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String target() {
        return target;
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** The one object of this kind. */
    JsonNode one(String kind) {
        List<JsonNode> found = ofKind(kind);
        if (found.size() != 1) {
            fail(target + ": expected exactly one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    Optional<JsonNode> named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.at("/metadata/name").asText())).findFirst();
    }

    /** The pod template's containers (init containers included). */
    List<JsonNode> containers() {
        List<JsonNode> containers = new ArrayList<>();
        JsonNode spec = one("Deployment").at("/spec/template/spec");
        spec.path("initContainers").forEach(containers::add);
        spec.path("containers").forEach(containers::add);
        return containers;
    }

    static Map<String, String> labels(JsonNode node) {
        return node == null || node.isMissingNode()
                ? Map.of()
                : YAML.convertValue(node, new TypeReference<Map<String, String>>() {
                });
    }

    /** True when every label of the selector is on the target with the same value (and the selector is not empty). */
    static boolean selects(Map<String, String> selector, Map<String, String> target) {
        return !selector.isEmpty() && target.entrySet().containsAll(selector.entrySet());
    }

    /** The metric names a PromQL expression reads (functions, keywords, labels, strings and durations left out). */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            int after = identifier.end();
            while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
                after++;
            }
            boolean function = after < bare.length() && bare.charAt(after) == '(';
            if (!function && !PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** The label names a PromQL expression matches on for one metric, e.g. {@code result} in {@code m{result="x"}}. */
    static Set<String> labelNames(String promql, String metric) {
        Set<String> names = new TreeSet<>();
        Matcher selector = Pattern.compile("\\b" + Pattern.quote(metric) + "\\s*\\{([^}]*)}").matcher(promql);
        while (selector.find()) {
            Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)").matcher(selector.group(1));
            while (label.find()) {
                names.add(label.group(1));
            }
        }
        return names;
    }
}
