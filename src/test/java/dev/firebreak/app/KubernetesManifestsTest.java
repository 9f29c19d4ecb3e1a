package dev.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.firebreak.ingest.pubsub.PubSubPullConfig;
import dev.firebreak.ingest.pubsub.PullSettings;
import dev.firebreak.ingest.pubsub.PushConfig;
import dev.firebreak.security.ApiSecurityConfig;

/**
 * The Kubernetes manifests in {@code k8s/}, rendered by {@code kubectl kustomize} for Argo CD's folder and each
 * overlay, against the service as the code defines it: health paths and port, configuration names and values (the
 * production startup checks accept them), pinned images, no secret values, the required security settings, objects
 * that point at each other, a grace period sized from the shutdown settings, and alerts with runbooks.
 * {@link KubernetesManifestsServiceTest} checks the rest against the running service (health paths answer, alert
 * metrics exist).
 */
class KubernetesManifestsTest {
    static final List<String> TARGETS = KubernetesManifests.TARGETS;
    static final Map<String, String> PROBE_PATHS = Map.of("startupProbe", "/q/health/started", "livenessProbe",
            "/q/health/live", "readinessProbe", "/q/health/ready");
    static final Set<String> ALERTS = Set.of("FirebreakDown", "FirebreakDatabaseUnreachable",
            "FirebreakIngestUnavailable", "FirebreakQuarantineGrowing", "FirebreakOutboxStuck", "FirebreakSlackFailures",
            "FirebreakPullStalled");
    static final String RUNBOOK_BASE = "https://github.com/firebreak-dev/firebreak/blob/main/docs/operations.md#";
    static final Path OPERATIONS = Path.of("docs/operations.md");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|SECRET|PASSWORD|KEY).*");
    private static final Pattern PINNED_IMAGE = Pattern.compile("[^:@\\s]+(:[\\w][\\w.-]{0,127})?(@sha256:[0-9a-f]{64})?");

    private static final Properties APPLICATION = applicationProperties();

    @ParameterizedTest
    @FieldSource("TARGETS")
    void everyExpectedObjectIsThereInOneNamespace(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        for (String kind : List.of("Namespace", "ServiceAccount", "ConfigMap", "Deployment", "Service",
                "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "Ingress", "ServiceMonitor",
                "PrometheusRule")) {
            assertThat(k8s.ofKind(kind)).as(target + ": " + kind).hasSize(1);
        }
        String namespace = k8s.one("Namespace").at("/metadata/name").asText();
        for (JsonNode object : k8s.all()) {
            if (!"Namespace".equals(object.path("kind").asText())) {
                assertThat(object.at("/metadata/namespace").asText())
                        .as(target + ": namespace of " + object.path("kind").asText())
                        .isEqualTo(namespace);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void probesUseTheRealHealthPathsAndPort(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        JsonNode container = k8s.one("Deployment").at("/spec/template/spec/containers/0");
        int httpPort = Integer.parseInt(APPLICATION.getProperty("quarkus.http.port", "8080"));
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(httpPort);
        PROBE_PATHS.forEach((probe, path) -> {
            JsonNode get = container.at("/" + probe + "/httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo(path);
            assertThat(containerPort(container, get.path("port"))).as(probe + " port").isEqualTo(httpPort);
        });
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void environmentNamesAreSettingsTheServiceReads(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        List<String> known = ConfigCatalog.read().envNames();
        List<String> names = new ArrayList<>();
        for (JsonNode container : k8s.containers()) {
            container.path("env").forEach(env -> names.add(env.path("name").asText()));
            for (JsonNode from : container.path("envFrom")) {
                assertThat(from.has("secretRef")).as("envFrom secretRef hides which secrets are used").isFalse();
                String configMap = from.at("/configMapRef/name").asText();
                JsonNode data = k8s.named("ConfigMap", configMap).orElseThrow().path("data");
                data.fieldNames().forEachRemaining(names::add);
            }
        }
        assertThat(names).isNotEmpty();
        assertThat(names.stream().filter(name -> !known.contains(name)).toList())
                .as(target + ": environment variables the service does not read (docs/configuration.md lists those it"
                        + " does)")
                .isEmpty();
        for (JsonNode configMap : k8s.ofKind("ConfigMap")) {
            configMap.path("data")
                    .fieldNames()
                    .forEachRemaining(key -> assertThat(key)
                            .as(target + ": a secret in ConfigMap " + configMap.at("/metadata/name").asText())
                            .doesNotMatch(SECRET_NAME));
        }
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void configurationPassesTheProductionStartupChecks(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        Map<String, String> env = new HashMap<>();
        k8s.one("ConfigMap").path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        for (JsonNode variable : k8s.one("Deployment").at("/spec/template/spec/containers/0/env")) {
            if (variable.at("/valueFrom/secretKeyRef").isObject()) {
                // stands in for the Secret created outside the repository (k8s/README.md)
                env.put(variable.path("name").asText(), "FIREBREAK_API_TOKENS".equals(variable.path("name").asText())
                        ? "oncall:responder:" + "ab".repeat(32)
                        : "stand-in");
            }
        }
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, new PathConverter())
                .withValidateUnknown(false);
        ConfigCatalog.mappingClasses().forEach(builder::withMapping);
        SmallRyeConfig config = builder.build();

        StartupChecks.checkPush(config.getConfigMapping(PushConfig.class));
        StartupChecks.checkApi(config.getConfigMapping(ApiSecurityConfig.class));
        PubSubPullConfig pull = config.getConfigMapping(PubSubPullConfig.class);
        if (pull.pull().enabled()) {
            assertThat(PullSettings.resolve(pull, Map.of()).describe()).isNotBlank();
        }
        assertThat(config.getConfigMapping(PushConfig.class).auth()).as(target + ": push authentication").isPresent();
        assertThat(env.get("FIREBREAK_DB_URL")).as(target).startsWith("jdbc:postgresql://");
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void secretsAreOnlyReferenced(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        for (JsonNode secret : k8s.ofKind("Secret")) {
            assertThat(secret.has("data") || secret.has("stringData")).as(target + ": Secret with values").isFalse();
        }
        Set<String> secretEnv = new TreeSet<>();
        for (JsonNode container : k8s.containers()) {
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asText();
                if (SECRET_NAME.matcher(name).matches()) {
                    assertThat(env.has("value")).as(target + ": inline value for " + name).isFalse();
                    assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).as(name).isEqualTo("firebreak-secrets");
                    secretEnv.add(name);
                }
            }
        }
        assertThat(secretEnv).contains("FIREBREAK_DB_PASSWORD", "FIREBREAK_SLACK_BOT_TOKEN",
                "FIREBREAK_SLACK_SIGNING_SECRET", "FIREBREAK_PUSH_TOKEN", "FIREBREAK_API_TOKENS");
        String howTo = ConfigCatalog.text(KubernetesManifests.K8S.resolve("README.md"));
        for (JsonNode container : k8s.containers()) {
            for (String key : container.path("env").findValuesAsText("key")) {
                assertThat(howTo).as("k8s/README.md tells how to create the Secret key " + key)
                        .contains("--from-literal=" + key + "=");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void imagesArePinned(String target) {
        List<String> images = KubernetesManifests.render(target)
                .containers()
                .stream()
                .map(container -> container.path("image").asText())
                .toList();
        assertThat(images).isNotEmpty().allSatisfy(image -> {
            assertThat(image).as(target + ": image").matches(PINNED_IMAGE).doesNotEndWith(":latest");
            assertThat(image.contains("@sha256:") || image.substring(image.lastIndexOf('/') + 1).contains(":"))
                    .as(target + ": " + image + " has a tag or digest")
                    .isTrue();
        });
        assertThat(images.get(images.size() - 1)).startsWith("ghcr.io/firebreak-dev/firebreak:");
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void podIsLockedDownAndSized(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        JsonNode deployment = k8s.one("Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(deployment.at("/spec/replicas").asInt()).as("replicas").isGreaterThanOrEqualTo(2);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asText()).isEqualTo("0");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(185);
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("enableServiceLinks").asBoolean(true)).as("FIREBREAK_SERVICE_* variables").isFalse();
        assertThat(pod.path("topologySpreadConstraints").findValuesAsText("topologyKey"))
                .contains("kubernetes.io/hostname");
        for (JsonNode container : k8s.containers()) {
            JsonNode security = container.path("securityContext");
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(security.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
            assertThat(security.at("/capabilities/add").isMissingNode()).isTrue();
            assertThat(security.path("privileged").asBoolean()).isFalse();
        }
        JsonNode app = pod.at("/containers/0");
        String tmpVolume = null;
        for (JsonNode mount : app.path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                tmpVolume = mount.path("name").asText();
            }
        }
        assertThat(tmpVolume).as("a writable /tmp").isNotNull();
        String tmp = tmpVolume;
        assertThat(pod.path("volumes")
                .findParents("name")
                .stream()
                .anyMatch(v -> tmp.equals(v.path("name").asText()) && v.has("emptyDir"))).isTrue();
        assertThat(app.at("/resources/requests/cpu").asText()).isEqualTo("500m");
        assertThat(app.at("/resources/requests/memory").asText()).isEqualTo("384Mi");
        assertThat(app.at("/resources/limits/memory").asText()).isEqualTo("512Mi");
        assertThat(app.at("/resources/limits/cpu").isMissingNode()).as("no CPU limit").isTrue();
        assertThat(app.has("args") || app.has("command")).as("JVM options live in the image only").isFalse();
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void gracePeriodCoversTheShutdown(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        JsonNode pod = k8s.one("Deployment").at("/spec/template/spec");
        JsonNode config = k8s.one("ConfigMap").path("data");
        long preStop = pod.at("/containers/0/lifecycle/preStop/sleep/seconds").asLong();
        Duration http = duration(APPLICATION.getProperty("quarkus.shutdown.timeout", "0s"));
        Duration pull = config.path("FIREBREAK_PUBSUB_PULL_ENABLED").asBoolean()
                ? duration(config.path("FIREBREAK_PUBSUB_PULL_SHUTDOWN_TIMEOUT").asText("20S"))
                : Duration.ZERO;
        // PullSession waits the shutdown timeout plus 5 s for the acknowledgements to go out
        long needed = preStop + http.toSeconds() + pull.toSeconds() + 5;
        assertThat(preStop).as("preStop delay: endpoints and load balancer stop sending first").isGreaterThanOrEqualTo(5);
        assertThat(http).as("quarkus.shutdown.timeout lets pushes in flight finish").isPositive();
        assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                .as("terminationGracePeriodSeconds ≥ preStop %d s + HTTP drain %s + pull drain %s + 5 s", preStop, http, pull)
                .isGreaterThanOrEqualTo(needed);
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void workloadIdentityWithoutKeys(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        JsonNode account = k8s.one("ServiceAccount");
        assertThat(k8s.one("Deployment").at("/spec/template/spec/serviceAccountName").asText())
                .isEqualTo(account.at("/metadata/name").asText());
        assertThat(account.at("/metadata/annotations/iam.gke.io~1gcp-service-account").asText())
                .matches("[a-z][a-z0-9-]+@[A-Za-z0-9_-]+\\.iam\\.gserviceaccount\\.com");
        JsonNode pod = k8s.one("Deployment").at("/spec/template/spec");
        assertThat(pod.path("volumes").findValues("secret")).as("no key files mounted").isEmpty();
        assertThat(k8s.one("ConfigMap").path("data").has("GOOGLE_APPLICATION_CREDENTIALS")).isFalse();
        assertThat(pod.at("/containers/0/env").findValuesAsText("name")).doesNotContain("GOOGLE_APPLICATION_CREDENTIALS");
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void objectsPointAtTheDeployment(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        JsonNode deployment = k8s.one("Deployment");
        String name = deployment.at("/metadata/name").asText();
        Map<String, String> podLabels = KubernetesManifests.labels(deployment.at("/spec/template/metadata/labels"));
        assertThat(KubernetesManifests.selects(
                KubernetesManifests.labels(deployment.at("/spec/selector/matchLabels")), podLabels)).isTrue();

        JsonNode hpa = k8s.one("HorizontalPodAutoscaler");
        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(name);
        assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.at("/spec/metrics").findValuesAsText("name")).contains("cpu");

        JsonNode pdb = k8s.one("PodDisruptionBudget");
        assertThat(KubernetesManifests.selects(KubernetesManifests.labels(pdb.at("/spec/selector/matchLabels")),
                podLabels)).as("PodDisruptionBudget selects the pods").isTrue();

        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        JsonNode service = k8s.one("Service");
        assertThat(KubernetesManifests.selects(KubernetesManifests.labels(service.at("/spec/selector")), podLabels))
                .as("Service selects the pods")
                .isTrue();
        JsonNode servicePort = service.at("/spec/ports/0");
        assertThat(containerPort(container, servicePort.path("targetPort"))).isEqualTo(8080);

        JsonNode monitor = k8s.one("ServiceMonitor");
        assertThat(KubernetesManifests.selects(KubernetesManifests.labels(monitor.at("/spec/selector/matchLabels")),
                KubernetesManifests.labels(service.at("/metadata/labels")))).as("ServiceMonitor selects the Service")
                .isTrue();
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(servicePort.path("name").asText());
        assertThat(monitor.at("/spec/endpoints/0/path").asText())
                .isEqualTo(APPLICATION.getProperty("quarkus.micrometer.export.prometheus.path"));

        JsonNode ingress = k8s.one("Ingress");
        assertThat(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText()).isNotBlank();
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo(ingress.at("/spec/rules/0/host").asText());
        List<String> paths = new ArrayList<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            paths.add(path.path("path").asText());
            assertThat(path.at("/backend/service/name").asText()).isEqualTo(service.at("/metadata/name").asText());
            assertThat(path.at("/backend/service/port/name").asText()).isEqualTo(servicePort.path("name").asText());
        }
        assertThat(paths).contains("/pubsub/push").noneMatch(p -> p.startsWith("/q") || "/".equals(p));
        assertThat(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText()).isNotEmpty();
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void networkPolicyAllowsOnlyWhatTheServiceUses(String target) {
        KubernetesManifests k8s = KubernetesManifests.render(target);
        JsonNode policy = k8s.one("NetworkPolicy");
        assertThat(KubernetesManifests.selects(KubernetesManifests.labels(policy.at("/spec/podSelector/matchLabels")),
                KubernetesManifests.labels(k8s.one("Deployment").at("/spec/template/metadata/labels")))).isTrue();
        assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        for (JsonNode rule : policy.at("/spec/ingress")) {
            assertThat(rule.path("ports").findValuesAsText("port")).as("ingress only to the HTTP port")
                    .containsOnly("8080");
        }
        List<String> egressPorts = policy.at("/spec/egress").findValuesAsText("port");
        assertThat(egressPorts).contains("53", "5432", "443", "988", "80");
    }

    @ParameterizedTest
    @FieldSource("TARGETS")
    void alertsHaveTheFixedNamesAndRunbooks(String target) throws Exception {
        JsonNode rule = KubernetesManifests.render(target).one("PrometheusRule");
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        Set<String> names = new TreeSet<>();
        String operations = Files.exists(OPERATIONS) ? Files.readString(OPERATIONS) : "";
        List<String> missingSections = new ArrayList<>();
        for (JsonNode alert : rule.at("/spec/groups").findParents("alert")) {
            String name = alert.path("alert").asText();
            names.add(name);
            assertThat(alert.at("/annotations/runbook_url").asText()).as(name)
                    .isEqualTo(RUNBOOK_BASE + name.toLowerCase());
            assertThat(alert.at("/labels/severity").asText()).as(name).isIn("critical", "warning");
            assertThat(alert.path("expr").asText()).as(name).isNotBlank();
            if (!Pattern.compile("(?m)^### " + name + "\\s*$").matcher(operations).find()) {
                missingSections.add("### " + name);
            }
        }
        assertThat(names).isEqualTo(ALERTS);
        assertThat(missingSections)
                .withFailMessage("%s needs a runbook section per alert (the runbook_url anchors); missing: %s",
                        OPERATIONS, missingSections)
                .isEmpty();
    }

    static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (port.asText().equals(declared.path("name").asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    static Duration duration(String value) {
        String text = value.trim();
        return text.toUpperCase().startsWith("P")
                ? Duration.parse(text.toUpperCase())
                : Duration.parse("PT" + text.toUpperCase());
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(ConfigCatalog.APPLICATION_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
