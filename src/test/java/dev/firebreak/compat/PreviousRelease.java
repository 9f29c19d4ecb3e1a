package dev.firebreak.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The previous release, as recorded in {@value #MARKER}: its commit, its migrations (read from git) and its runnable
 * jar, built from {@code git archive} of that commit with the Maven wrapper and the shared local repository. The jar is
 * kept under {@code target/compat/} so a second run in the same checkout reuses it.
 */
final class PreviousRelease {
    static final String MARKER = "etc/compat/previous-release";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private PreviousRelease() {
    }

    /** The recorded commit: the one line of the marker file that is not a comment. */
    static String sha() {
        try {
            List<String> lines = Files.readAllLines(Path.of(MARKER))
                    .stream()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
            if (lines.size() != 1 || !SHA.matcher(lines.get(0)).matches()) {
                throw new IllegalStateException(MARKER + " must hold exactly one full 40-hex commit, found " + lines);
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True in a git checkout whose history holds the recorded commit (CI runs on a full clone). */
    static boolean inHistory() {
        if (!Files.exists(Path.of(".git"))) {
            return false;
        }
        try {
            git("cat-file", "-e", sha() + "^{commit}");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * For {@code @EnabledIf}: true when the previous release can be read from git, and always in CI, where a missing
     * history then fails the test instead of skipping it.
     */
    static boolean availableOrCi() {
        return inHistory() || Commands.inCi();
    }

    /** File names of the previous release's migrations, sorted. */
    static List<String> migrations() {
        String listing = git("ls-tree", "--name-only", sha(), "db/migrations/");
        return Arrays.stream(listing.split("\n"))
                .map(String::trim)
                .filter(line -> !line.isEmpty())
                .map(line -> Path.of(line).getFileName().toString())
                .sorted()
                .toList();
    }

    /** The previous release's jar ({@code target/quarkus-app/quarkus-run.jar}), built now unless already built. */
    static synchronized Path jar() {
        String sha = sha();
        Path root = Path.of("target/compat/previous-" + sha.substring(0, 12)).toAbsolutePath();
        Path jar = root.resolve("target/quarkus-app/quarkus-run.jar");
        if (Files.isRegularFile(jar)) {
            System.out.println("[compat] reusing the previous release's jar " + jar);
            return jar;
        }
        long started = System.nanoTime();
        try {
            Commands.run(Duration.ofMinutes(1), "rm", "-rf", root.toString());
            Files.createDirectories(root);
            Path tar = root.resolveSibling("previous-" + sha.substring(0, 12) + ".tar");
            git("archive", "--format=tar", "-o", tar.toString(), sha);
            Commands.run(Duration.ofMinutes(1), "tar", "-xf", tar.toString(), "-C", root.toString());
            Files.delete(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String javaHome = System.getProperty("java.home");
        Commands.run(root, Map.of("JAVA_HOME", javaHome, "MAVEN_OPTS", "-Xmx768m"), BUILD_TIMEOUT,
                List.of("bash", "mvnw", "-B", "-q", "package", "-Dmaven.test.skip=true", "-Dformatter.skip=true",
                        "-Dimpsort.skip=true", "-Djacoco.skip=true", "-Dquarkus.analytics.disabled=true"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the previous release's build produced no " + jar);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.println("[compat] built the previous release " + sha.substring(0, 12) + " in " + seconds + " s");
        return jar;
    }

    static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        return Commands.run(GIT_TIMEOUT, command);
    }
}
