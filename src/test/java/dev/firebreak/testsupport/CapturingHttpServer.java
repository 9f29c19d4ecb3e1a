package dev.firebreak.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that records every request and answers with programmable responses: first any queued
 * one-shot responses in order, then a responder function (default: 204 No Content). Usable as a push endpoint, a fake
 * Slack API or a fake JWKS host.
 */
public final class CapturingHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Object lock = new Object();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Deque<CannedResponse> queued = new ArrayDeque<>();
    private Function<RecordedRequest, CannedResponse> responder = request -> CannedResponse.status(204);

    private CapturingHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on a free loopback port. */
    public static CapturingHttpServer start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback HTTP server", e);
        }
        // several threads so a delayed answer does not hold back concurrent deliveries
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "capturing-http-server");
            thread.setDaemon(true);
            return thread;
        });
        CapturingHttpServer capturing = new CapturingHttpServer(server, executor);
        server.createContext("/", capturing::handle);
        server.setExecutor(executor);
        server.start();
        return capturing;
    }

    /** Port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Base URI, e.g. {@code http://127.0.0.1:40123}. */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /** Absolute URL for a path (and optional query), e.g. {@code url("/push?token=x")}. */
    public String url(String pathAndQuery) {
        return baseUri() + pathAndQuery;
    }

    /** Replaces the responder used once the queue of one-shot responses is empty. */
    public CapturingHttpServer respondWith(Function<RecordedRequest, CannedResponse> newResponder) {
        synchronized (lock) {
            this.responder = newResponder;
        }
        return this;
    }

    /** Always answers with the given response once the queue is empty. */
    public CapturingHttpServer respondWith(CannedResponse response) {
        return respondWith(request -> response);
    }

    /** Queues one-shot responses, used in order before the responder; e.g. {@code enqueue(status(500))}. */
    public CapturingHttpServer enqueue(CannedResponse... responses) {
        synchronized (lock) {
            queued.addAll(Arrays.asList(responses));
        }
        return this;
    }

    /** Queues one-shot bodiless responses with these statuses. */
    public CapturingHttpServer enqueueStatuses(int... statuses) {
        return enqueue(Arrays.stream(statuses).mapToObj(CannedResponse::status).toArray(CannedResponse[]::new));
    }

    /** A snapshot of all requests so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Waits until at least {@code count} requests arrived and returns the snapshot; fails with what did arrive. */
    public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
        return awaitRequests(request -> true, count, timeout);
    }

    /** Waits until at least {@code count} requests matching {@code filter} arrived and returns those. */
    public List<RecordedRequest> awaitRequests(Predicate<RecordedRequest> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                List<RecordedRequest> matching = requests.stream().filter(filter).toList();
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (matching.size() >= count) {
                    return matching;
                }
                if (remainingMillis <= 0) {
                    throw new AssertionError("expected " + count + " matching requests within " + timeout + " but got "
                            + matching.size() + "; all requests: " + describe(requests));
                }
                try {
                    lock.wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for requests", e);
                }
            }
        }
    }

    /** Forgets recorded requests and queued responses and restores the default 204 responder. */
    public void reset() {
        synchronized (lock) {
            requests.clear();
            queued.clear();
            responder = request -> CannedResponse.status(204);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            CannedResponse response;
            synchronized (lock) {
                requests.add(request);
                lock.notifyAll();
                response = queued.isEmpty() ? answer(request) : queued.poll();
            }
            send(exchange, response);
        }
    }

    private CannedResponse answer(RecordedRequest request) {
        try {
            return responder.apply(request);
        } catch (RuntimeException e) {
            // a broken responder should show up as a 500 in the test, not as a dropped connection
            return CannedResponse.body(500, "text/plain", "responder failed: " + e);
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        return new RecordedRequest(Instant.now(), exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                Collections.unmodifiableMap(headers), body);
    }

    private static void send(HttpExchange exchange, CannedResponse response) throws IOException {
        if (!response.delay().isZero()) {
            try {
                Thread.sleep(response.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach(exchange.getResponseHeaders()::set);
        boolean noBody = response.body().length == 0 || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static String describe(List<RecordedRequest> requests) {
        return requests.stream()
                .map(r -> r.method() + " " + r.pathAndQuery())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
