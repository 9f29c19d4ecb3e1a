package dev.firebreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Google Pub/Sub emulator (gRPC and REST on one loopback port) running as a child process for tests.
 *
 * <p>
 * Use {@link #shared()} from tests: one instance per test JVM, started lazily and stopped by a shutdown hook. Tests
 * sharing it must use unique topic and subscription ids. A shell watchdog also stops the emulator when the test JVM is
 * killed outright.
 */
public final class PubSubEmulator implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;
    private static final Path SHELL = Path.of("/bin/sh");
    /**
     * Runs the emulator under a shell that kills it once our stdin pipe closes, which also happens when this JVM is
     * killed without running shutdown hooks. Background jobs get /dev/null as stdin, hence the copy to fd 3.
     */
    private static final String WATCHDOG_SCRIPT = "exec 3<&0; \"$@\" 3<&- </dev/null & child=$!; "
            + "(cat <&3 >/dev/null; kill $child 2>/dev/null) & exec 3<&-; wait $child";

    /** Lets copies of this class in other class loaders (Quarkus tests) find the shared emulator's port. */
    static final String SHARED_PORT_PROPERTY = "firebreak.pubsub-emulator.port";
    private static final String SHARED_LOG_PROPERTY = "firebreak.pubsub-emulator.log";
    /** String literals are interned JVM-wide, so every class loader's copy of this class locks the same object. */
    private static final Object JVM_WIDE_LOCK = "dev.firebreak.testsupport.PubSubEmulator.shared";

    private static PubSubEmulator shared;
    private static RuntimeException sharedFailure;

    /** The emulator process, or null for a view attached to one owned by another class loader. */
    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;
    private boolean closed;

    private PubSubEmulator(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        if (process == null) {
            this.shutdownHook = null;
        } else {
            this.shutdownHook = new Thread(this::stopProcess, "pubsub-emulator-shutdown-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * The JVM-wide emulator, started on first use and stopped when the JVM exits. A start failure is remembered and
     * rethrown so later tests fail (or skip) fast instead of waiting for another startup timeout.
     */
    public static PubSubEmulator shared() {
        synchronized (JVM_WIDE_LOCK) {
            if (sharedFailure != null) {
                throw sharedFailure;
            }
            if (shared != null && shared.isAlive()) {
                return shared;
            }
            String ownedElsewhere = System.getProperty(SHARED_PORT_PROPERTY);
            if (ownedElsewhere != null) {
                shared = new PubSubEmulator(null, Integer.parseInt(ownedElsewhere),
                        Path.of(System.getProperty(SHARED_LOG_PROPERTY, "")));
                return shared;
            }
            try {
                shared = start();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            System.setProperty(SHARED_PORT_PROPERTY, String.valueOf(shared.port));
            System.setProperty(SHARED_LOG_PROPERTY, shared.logFile.toString());
            return shared;
        }
    }

    /** Starts a private emulator instance; the caller must close it. */
    public static PubSubEmulator start() {
        Path jar = EmulatorJar.require(System.getenv(), EmulatorJar.DEFAULT_LIB_DIR);
        String lastLog = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = FreePorts.find();
            Path log = logDirectory().resolve("emulator-" + port + ".log");
            Process process = launch(jar, port, log);
            if (awaitReady(process, port)) {
                return new PubSubEmulator(process, port, log);
            }
            boolean exitedEarly = !process.isAlive();
            destroyTree(process);
            lastLog = tail(log);
            if (!exitedEarly) {
                throw new IllegalStateException("Pub/Sub emulator did not answer on port " + port + " within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; log " + log + ":\n" + lastLog);
            }
        }
        throw new IllegalStateException(
                "Pub/Sub emulator exited during startup " + START_ATTEMPTS + " times; last log:\n" + lastLog);
    }

    /** Address for gRPC clients and {@code PUBSUB_EMULATOR_HOST}, e.g. {@code 127.0.0.1:40123}. */
    public String hostPort() {
        return HOST + ":" + port;
    }

    /** Port the emulator listens on. */
    public int port() {
        return port;
    }

    /** Base of the REST API, e.g. {@code http://127.0.0.1:40123/v1}. */
    public URI restBase() {
        return URI.create("http://" + hostPort() + "/v1");
    }

    /** A REST admin client bound to this emulator. */
    public PubSubAdmin admin() {
        return new PubSubAdmin(restBase());
    }

    /** File that receives the emulator's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the emulator process is still running (for an attached view: whether its owner still publishes it). */
    public boolean isAlive() {
        if (closed) {
            return false;
        }
        return process == null
                ? String.valueOf(port).equals(System.getProperty(SHARED_PORT_PROPERTY))
                : process.isAlive();
    }

    /** Stops the emulator; a view attached to another class loader's emulator only detaches. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process == null) {
            return;
        }
        if (String.valueOf(port).equals(System.getProperty(SHARED_PORT_PROPERTY))) {
            System.clearProperty(SHARED_PORT_PROPERTY);
            System.clearProperty(SHARED_LOG_PROPERTY);
        }
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to unregister
        }
    }

    private void stopProcess() {
        destroyTree(process);
    }

    private static Process launch(Path jar, int port, Path log) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SHELL)) {
            command.addAll(List.of(SHELL.toString(), "-c", WATCHDOG_SCRIPT, "pubsub-emulator-watchdog"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--host=" + HOST, "--port=" + port));
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static boolean awaitReady(Process process, int port) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/v1/projects/probe/topics"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException notListeningYet) {
                sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Stops the process and everything it spawned. The descendants are listed first because once the watchdog shell
     * exits its children are re-parented and no longer reachable through it.
     */
    private static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // closing stdin only triggers the watchdog; the explicit destroy below still runs
        }
        for (ProcessHandle child : descendants) {
            child.destroy();
        }
        process.destroy();
        for (ProcessHandle child : descendants) {
            child.onExit().completeOnTimeout(child, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path logDirectory() {
        Path dir = Path.of(System.getProperty("basedir", ""), "target", "pubsub-emulator").toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
