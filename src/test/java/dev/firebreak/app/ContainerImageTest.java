package dev.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps {@code src/main/docker/Dockerfile.jvm} buildable and correct without a container engine: the base image is
 * pinned, the process is not root, every {@code COPY} source is part of the Quarkus fast-jar layout the build produces
 * (and passes {@code .dockerignore}), the port and jar match the service, and the JVM options, combined the way the
 * image's {@code run-java.sh} combines them, start a real JVM with the intended heap and collector.
 */
class ContainerImageTest {
    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    static final Path DOCKERIGNORE = Path.of(".dockerignore");
    static final Path QUARKUS_APP = Path.of("target/quarkus-app");
    /** What the fast-jar package type writes under target/quarkus-app (Quarkus' default; see quarkusAppLayout). */
    static final List<String> FAST_JAR_LAYOUT = List.of("lib/", "quarkus-run.jar", "app/", "quarkus/");
    /**
     * What the UBI OpenJDK runtime image's run-java.sh puts before JAVA_OPTS_APPEND (its java-default-options with no
     * other variable set); {@code %GC%} is GC_CONTAINER_OPTIONS, or -XX:+UseParallelGC when that is unset.
     */
    static final String IMAGE_DEFAULT_OPTIONS = "-XX:MaxRAMPercentage=80.0 %GC% -XX:MinHeapFreeRatio=10"
            + " -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError";

    /** One Dockerfile instruction, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> instructions() throws IOException {
        List<Instruction> result = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (pending.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String[] parts = pending.toString().strip().split("\\s+", 2);
            result.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
            pending.setLength(0);
        }
        assertThat(pending).as("a continuation line at the end of the Dockerfile").isEmpty();
        return result;
    }

    static List<String> arguments(String keyword) throws IOException {
        return instructions().stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The ENV variables in order; the {@code ENV KEY="value" KEY2=value} form. */
    static Map<String, String> env() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(?:\"([^\"]*)\"|'([^']*)'|(\\S*))");
        for (String arguments : arguments("ENV")) {
            Matcher m = pair.matcher(arguments);
            int end = 0;
            while (m.find() && m.start() == end) {
                String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                env.put(m.group(1), value);
                end = m.end();
                while (end < arguments.length() && arguments.charAt(end) == ' ') {
                    end++;
                }
            }
            assertThat(end).as("ENV %s: only the KEY=\"value\" form is used", arguments).isEqualTo(arguments.length());
        }
        return env;
    }

    static List<String> javaOptions() throws IOException {
        String options = env().get("JAVA_OPTS_APPEND");
        assertThat(options).as("JAVA_OPTS_APPEND, the one place for the JVM options").isNotBlank();
        return Arrays.asList(options.strip().split("\\s+"));
    }

    @Test
    void baseImageIsPinnedToAnExplicitVersion() throws IOException {
        List<String> bases = arguments("FROM");
        assertThat(bases).isNotEmpty();
        for (String from : bases) {
            String image = from.split("\\s+")[0];
            String afterRegistryPath = image.substring(image.lastIndexOf('/') + 1);
            boolean digest = image.matches(".+@sha256:[0-9a-f]{64}");
            String tag = afterRegistryPath.contains(":")
                    ? afterRegistryPath.substring(afterRegistryPath.indexOf(':') + 1)
                    : "";
            assertThat(digest || (!tag.isEmpty() && !tag.equals("latest") && !tag.contains("$")))
                    .as("FROM %s must name an explicit tag (not latest) or a sha256 digest", image)
                    .isTrue();
        }
        assertThat(bases.get(bases.size() - 1)).startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:");
    }

    @Test
    void theProcessRunsAsANonRootUser() throws IOException {
        List<String> users = arguments("USER");
        assertThat(users).as("USER instructions").isNotEmpty();
        String last = users.get(users.size() - 1);
        assertThat(last).as("the user the container runs as").matches("[0-9]+(:[0-9]+)?");
        assertThat(Integer.parseInt(last.split(":")[0])).as("uid").isEqualTo(185);
        List<Instruction> all = instructions();
        assertThat(all.get(all.size() - 1).keyword()).as("the last instruction").isEqualTo("ENTRYPOINT");
        assertThat(all.get(all.size() - 1).arguments()).contains("/opt/jboss/container/java/run/run-java.sh");
    }

    @Test
    void everyCopySourceIsInTheFastJarLayout() throws IOException {
        assertThat(quarkusAppLayout()).as("quarkus.package.jar.type (the Dockerfile copies the fast-jar layout)")
                .isEqualTo("fast-jar");
        List<String> copied = new ArrayList<>();
        for (String copy : arguments("COPY")) {
            List<String> words = Arrays.stream(copy.split("\\s+")).filter(w -> !w.startsWith("--")).toList();
            assertThat(copy).as("COPY %s: files owned by the runtime user", copy).contains("--chown=185");
            assertThat(words).as("COPY %s: one source and a destination", copy).hasSize(2);
            String source = words.get(0);
            String destination = words.get(1);
            assertThat(source).as("COPY source").startsWith(QUARKUS_APP + "/");
            String entry = source.substring(QUARKUS_APP.toString().length() + 1);
            assertThat(FAST_JAR_LAYOUT).as("COPY %s: part of the fast-jar layout", source).contains(entry);
            assertThat(destination).as("COPY %s", source)
                    .isEqualTo(entry.endsWith("/") ? "/deployments/" + entry : "/deployments/");
            assertThat(dockerignoreAdmits(source)).as("%s passes .dockerignore", source).isTrue();
            copied.add(entry);
            if (Files.isDirectory(QUARKUS_APP)) {
                // after ./mvnw package: the real layout, as the docker build will see it
                assertThat(QUARKUS_APP.resolve(entry)).as("packaged " + entry).exists();
            }
        }
        assertThat(copied).as("the whole fast-jar layout is copied").containsExactlyInAnyOrderElementsOf(FAST_JAR_LAYOUT);
    }

    @Test
    void dockerignoreAdmitsOnlyThePackagedApplication() throws IOException {
        assertThat(dockerignoreAdmits("target/quarkus-app/lib/main/x.jar")).isTrue();
        assertThat(dockerignoreAdmits("target/quarkus-app/quarkus-run.jar")).isTrue();
        for (String outside : List.of("src/main/resources/application.properties", ".firebreak/pgdata/PG_VERSION",
                "target/embedded-pg-data/postgresql.conf", ".git/config", "pom.xml", "k8s/README.md")) {
            assertThat(dockerignoreAdmits(outside)).as("%s kept out of the build context", outside).isFalse();
        }
    }

    @Test
    void exposesTheServicePortAndRunsTheQuarkusJar() throws IOException {
        String port = applicationProperties().getProperty("quarkus.http.port", "8080");
        assertThat(arguments("EXPOSE")).as("EXPOSE = quarkus.http.port").containsExactly(port);
        assertThat(javaOptions()).as("listen on all interfaces inside the container")
                .contains("-Dquarkus.http.host=0.0.0.0");
        assertThat(env()).containsEntry("JAVA_APP_JAR", "/deployments/quarkus-run.jar");
    }

    @Test
    void jvmOptionsStartAJvmTheWayRunJavaShCombinesThem() throws Exception {
        Map<String, String> env = env();
        String gc = env.getOrDefault("GC_CONTAINER_OPTIONS", "-XX:+UseParallelGC");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(IMAGE_DEFAULT_OPTIONS.replace("%GC%", gc).split("\\s+")));
        command.addAll(javaOptions());
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        String output = runToCompletion(new ProcessBuilder(command));

        long xmx = megabytes(option("-Xmx"));
        assertThat(flag(output, "MaxHeapSize")).as("the heap cap wins over the image's MaxRAMPercentage")
                .isEqualTo(xmx * 1024 * 1024);
        assertThat(flag(output, "MaxMetaspaceSize")).isEqualTo(megabytes(option("-XX:MaxMetaspaceSize=")) * 1024 * 1024);
        assertThat(flag(output, "UseSerialGC")).as("the collector named in JAVA_OPTS_APPEND").isEqualTo(1);
        assertThat(flag(output, "ExitOnOutOfMemoryError")).as("an OOM ends the pod, the kubelet restarts it").isEqualTo(1);
        assertThat(xmx).as("heap cap below the pod's 512Mi limit with room for metaspace, code cache, threads")
                .isLessThanOrEqualTo(256);
    }

    @Test
    void appCdsIsTrainedWithTheRuntimeOptionsAndTheSameJar() throws IOException {
        String archive = option("-XX:SharedArchiveFile=");
        String run = trainingRun();
        assertThat(run).contains("-XX:ArchiveClassesAtExit=" + archive)
                .contains("-jar " + env().get("JAVA_APP_JAR"))
                .contains("java $(echo \"$JAVA_OPTS_APPEND\" | sed 's/-XX:SharedArchiveFile=[^ ]*//')")
                .as("training failure must not fail the image build")
                .contains("|| (")
                .contains("rm -f " + archive);
    }

    /** The RUN that trains the AppCDS archive. */
    static String trainingRun() throws IOException {
        List<String> training = arguments("RUN").stream().filter(r -> r.contains("-XX:ArchiveClassesAtExit=")).toList();
        assertThat(training).as("one RUN trains the AppCDS archive").hasSize(1);
        return training.get(0);
    }

    /** Runs a command; asserts it exits 0 within four minutes and returns its output. */
    static String runToCompletion(ProcessBuilder command) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s%n%s", String.join(" ", command.command()), output).isZero();
        return output;
    }

    /** Quarkus' jar package type as configured (fast-jar when nothing says otherwise). */
    static String quarkusAppLayout() throws IOException {
        String fromProperties = applicationProperties().getProperty("quarkus.package.jar.type");
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher inPom = Pattern.compile("<quarkus\\.package\\.jar\\.type>([^<]+)<").matcher(pom);
        if (inPom.find()) {
            return inPom.group(1).strip();
        }
        return fromProperties == null ? "fast-jar" : fromProperties.strip();
    }

    static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** Docker's rule: the last matching pattern decides; {@code !} re-admits. Enough of it for our two lines. */
    static boolean dockerignoreAdmits(String path) throws IOException {
        boolean admitted = true;
        for (String line : Files.readAllLines(DOCKERIGNORE, StandardCharsets.UTF_8)) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            String glob = exception ? pattern.substring(1) : pattern;
            String candidate = path.endsWith("/") ? path + "x" : path;
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            boolean matches = matcher.matches(Path.of(candidate))
                    || glob.equals("*") && !candidate.isEmpty();
            if (matches) {
                admitted = exception;
            }
        }
        return admitted;
    }

    static String option(String prefix) throws IOException {
        return javaOptions().stream()
                .filter(o -> o.startsWith(prefix))
                .map(o -> o.substring(prefix.length()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError(prefix + " not in JAVA_OPTS_APPEND"));
    }

    static long megabytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([mMgG])").matcher(size);
        assertThat(m.matches()).as("size %s in m or g", size).isTrue();
        long value = Long.parseLong(m.group(1));
        return m.group(2).equalsIgnoreCase("g") ? value * 1024 : value;
    }

    static long flag(String printFlagsFinal, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+=\\s+(\\S+)").matcher(printFlagsFinal);
        assertThat(m.find()).as("flag %s in -XX:+PrintFlagsFinal", name).isTrue();
        String value = m.group(1);
        return value.equals("true") ? 1 : value.equals("false") ? 0 : Long.parseLong(value);
    }

    @Test
    void appCdsTrainingRunsWithoutADatabase() throws Exception {
        // the Dockerfile's own training RUN, with /deployments being the packaged target/quarkus-app
        Path app = QUARKUS_APP.toAbsolutePath();
        assumeThat(app.resolve("quarkus-run.jar")).as("a packaged application (./mvnw package)").exists();
        Path archive = app.resolve(Path.of(option("-XX:SharedArchiveFile=")).getFileName());
        Files.deleteIfExists(archive);
        ProcessBuilder training = new ProcessBuilder("sh", "-c", trainingRun().replace("/deployments", app.toString()));
        training.environment().put("JAVA_OPTS_APPEND", env().get("JAVA_OPTS_APPEND").replace("/deployments", app.toString()));
        training.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        try {
            String output = runToCompletion(training);
            assertThat(output).as("the training run").doesNotContain("AppCDS training failed");
            assertThat(archive).as("the archive").exists();
            assertThat(Files.size(archive)).as("archive size").isGreaterThan(10_000_000);
        } finally {
            Files.deleteIfExists(archive);
        }
    }
}
