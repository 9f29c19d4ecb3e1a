package dev.firebreak.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CapturingHttpServerTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CapturingHttpServer server = CapturingHttpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordsMethodPathQueryHeadersAndRawBody() throws Exception {
        byte[] body = {0, 1, 2, (byte) 0xff};

        HttpResponse<String> response = post("/hook?token=a%20b", body, "X-Custom-Header", "v1");

        assertThat(response.statusCode()).isEqualTo(204);
        RecordedRequest request = server.awaitRequests(1, Duration.ofSeconds(2)).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.query()).isEqualTo("token=a%20b");
        assertThat(request.pathAndQuery()).isEqualTo("/hook?token=a%20b");
        assertThat(request.header("x-custom-header")).hasValue("v1");
        assertThat(request.header("X-CUSTOM-HEADER")).hasValue("v1");
        assertThat(request.body()).isEqualTo(body);
    }

    @Test
    void answersQueuedResponsesFirstThenTheResponder() throws Exception {
        server.enqueueStatuses(500, 503)
                .respondWith(CannedResponse.json(200, "{\"ok\":true}").withHeader("Retry-After", "3"));

        List<HttpResponse<String>> responses = List.of(post("/a"), post("/b"), post("/c"), post("/d"));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(500, 503, 200, 200);
        HttpResponse<String> last = responses.get(3);
        assertThat(last.body()).isEqualTo("{\"ok\":true}");
        assertThat(last.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(last.headers().firstValue("retry-after")).hasValue("3");
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/a", "/b", "/c", "/d");
    }

    @Test
    void responderCanAnswerPerPath() throws Exception {
        server.respondWith(request -> request.path().equals("/jwks")
                ? CannedResponse.json(200, "{\"keys\":[]}")
                : CannedResponse.status(404));

        assertThat(get("/jwks").body()).isEqualTo("{\"keys\":[]}");
        assertThat(get("/other").statusCode()).isEqualTo(404);
    }

    @Test
    void brokenResponderAnswers500() throws Exception {
        server.respondWith(request -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> response = post("/x");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("boom");
    }

    @Test
    void awaitRequestsFailsWithWhatArrived() throws Exception {
        post("/only");

        assertThatThrownBy(() -> server.awaitRequests(2, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 2")
                .hasMessageContaining("POST /only");
    }

    @Test
    void resetForgetsRequestsAndRestoresTheDefault() throws Exception {
        server.enqueueStatuses(500).respondWith(CannedResponse.status(418));
        post("/before");

        server.reset();

        assertThat(server.requests()).isEmpty();
        assertThat(post("/after").statusCode()).isEqualTo(204);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return post(path, "{}".getBytes(UTF_8), "Content-Type", "application/json");
    }

    private HttpResponse<String> post(String path, byte[] body, String headerName, String headerValue)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .header(headerName, headerValue)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
