package faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Firebreak service process (the packaged jar), started, killed and restarted by the harness. */
final class Firebreak {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path jar;
    private final Path logDir;
    private final Path pidFile;
    private final Map<String, String> env;
    private final String name;
    private final int port;
    private Process process;

    Firebreak(Path jar, Path logDir, Path pidFile, Map<String, String> env, String name) throws IOException {
        this.jar = jar;
        this.logDir = logDir;
        this.pidFile = pidFile;
        this.env = env;
        this.name = name;
        this.port = freePort();
    }

    URI pushUri() {
        return URI.create("http://127.0.0.1:" + port + "/pubsub/push");
    }

    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("java", "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".log").toFile()));
        process = pb.start();
        Files.writeString(pidFile, process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Waits until the service answers HTTP (it listens only after its migrations ran); false after the bound. */
    boolean awaitReady(Duration bound) throws InterruptedException {
        long until = System.nanoTime() + bound.toNanos();
        URI live = URI.create("http://127.0.0.1:" + port + "/q/health/live");
        while (System.nanoTime() < until) {
            if (process != null && !process.isAlive()) {
                return false;
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** SIGKILL: no shutdown hook runs, in-flight requests and transactions are cut. */
    void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
