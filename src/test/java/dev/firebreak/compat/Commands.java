package dev.firebreak.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program (git, the Maven wrapper, PostgreSQL's tools) to completion and fails with its output when
 * it exits non-zero or takes too long.
 */
final class Commands {
    private Commands() {
    }

    /** Runs {@code command} in the working directory and returns what it printed (stdout and stderr). */
    static String run(Duration timeout, String... command) {
        return run(null, Map.of(), timeout, List.of(command));
    }

    /**
     * Runs {@code command} in {@code dir} (null: the working directory) with {@code env} added to this JVM's
     * environment, and returns what it printed. The output goes through a file so a chatty program never blocks.
     */
    static String run(Path dir, Map<String, String> env, Duration timeout, List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("firebreak-command-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command)
                        + (finished ? " exited " + process.exitValue() : " took longer than " + timeout) + ":\n"
                        + tail(printed, 4000));
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** The last {@code max} characters of {@code text}. */
    static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }

    /** True when the tests run in CI, where a missing tool is a failure, never a skip. */
    static boolean inCi() {
        return System.getenv().containsKey("CI");
    }
}
