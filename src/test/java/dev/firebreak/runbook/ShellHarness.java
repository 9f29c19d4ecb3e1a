package dev.firebreak.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lets a real POSIX shell parse a command line without running the real programs: each word is printed instead.
 */
final class ShellHarness {
    /** Programs the catalog suggests, replaced by shell functions that print their arguments. */
    private static final List<String> FAKED = List.of("kubectl", "gcloud", "curl", "openssl", "dig", "argocd", "cmctl",
            "echo");

    private ShellHarness() {
    }

    /** The words {@code sh} makes of a simple command line (the program included), parsed in {@code workDir}. */
    static List<String> words(String commandLine, Path workDir) throws IOException, InterruptedException {
        List<String> words = Arrays.asList(run("printf '%s\\0' " + commandLine, workDir).split("\0", -1));
        return words.subList(0, words.size() - 1); // printf ends every word with NUL, so the last piece is empty
    }

    /** Runs a whole command line, pipelines included, with every suggested program faked; returns the output. */
    static String runFaked(String commandLine, Path workDir) throws IOException, InterruptedException {
        StringBuilder prelude = new StringBuilder();
        for (String program : FAKED) {
            prelude.append(program).append("() { printf '%s\\0' ").append(program).append(" \"$@\"; }\n");
        }
        return run(prelude + commandLine, workDir);
    }

    private static String run(String script, Path workDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", script)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("sh did not finish for: " + script);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("sh failed (" + process.exitValue() + ") for: " + script + "\n" + output);
        }
        return output;
    }
}
