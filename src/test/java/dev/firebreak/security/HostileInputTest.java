package dev.firebreak.security;

import static dev.firebreak.testsupport.SecuredProfile.ADMIN_TOKEN;
import static dev.firebreak.testsupport.SecuredProfile.RESPONDER_TOKEN;
import static dev.firebreak.testsupport.SecuredProfile.VIEWER_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Payloads;
import dev.firebreak.testsupport.SecuredProfile;
import dev.firebreak.testsupport.TestJwts;

/**
 * The hostile-input corpus: every entry point (push with OIDC and the legacy token, the REST reads and commands, the
 * protected {@code /q} endpoints) with forged or missing credentials and malformed requests. Every case must be a 4xx
 * problem+json without class names, never a 5xx, and must change no row anywhere.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class HostileInputTest {
    static final List<String> TABLES = List.of("incident", "source_alert", "timeline_event", "inbox_message", "quarantine",
            "outbox");
    /** An incident that exists, so refused commands would have had something to change. */
    static final String ID = "{id}";

    @Inject
    DataSource dataSource;

    /** One hostile request. */
    record Case(String method, String path, String authorization, String contentType, byte[] body, String query) {
        Case token(String value) {
            return new Case(method, path, value, contentType, body, query);
        }

        Case json(String text) {
            return new Case(method, path, authorization, "application/json", text.getBytes(StandardCharsets.UTF_8), query);
        }

        Case body(String type, byte[] bytes) {
            return new Case(method, path, authorization, type, bytes, query);
        }

        Case query(String value) {
            return new Case(method, path, authorization, contentType, body, value);
        }
    }

    static Case post(String path) {
        return new Case("POST", path, null, null, null, null);
    }

    static Case get(String path) {
        return new Case("GET", path, null, null, null, null);
    }

    static Case request(String method, String path) {
        return new Case(method, path, null, null, null, null);
    }

    static String jwt(Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new LinkedHashMap<>(TestJwts.googleClaims(Instant.now().minusSeconds(30)));
        change.accept(claims);
        return "Bearer " + TestJwts.rs256(TestJwts.header("RS256", TestJwts.KID), claims, TestJwts.shared().getPrivate());
    }

    static String bearer(String token) {
        return SecuredProfile.bearer(token);
    }

    static String nested(int depth) {
        return "{\"text\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    static byte[] bytes(int size, char fill) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    static String envelope() {
        return Payloads.envelope(Payloads.bytes(Payloads.notification("0.hostile", "open", 1_764_000_000L, null,
                "checkout-hostile")), "hostile-1");
    }

    static Stream<Arguments> corpus() {
        Case push = post("/pubsub/push").json(envelope());
        String note = "/api/v1/incidents/" + ID + "/notes";
        String ack = "/api/v1/incidents/" + ID + "/acknowledge";
        Case noteAsResponder = post(note).token(bearer(RESPONDER_TOKEN));
        return Stream.of(
                // push: OIDC
                Arguments.of("push without credentials", push, 401),
                Arguments.of("push with an expired token", push.token(jwt(c -> {
                    c.put("iat", Instant.now().minusSeconds(7300).getEpochSecond());
                    c.put("exp", Instant.now().minusSeconds(3700).getEpochSecond());
                })), 403),
                Arguments.of("push with a token from the future", push.token(jwt(c -> c.put("iat",
                        Instant.now().plusSeconds(900).getEpochSecond()))), 403),
                Arguments.of("push with a forged signature", push.token("Bearer " + TestJwts.withTamperedSignature(
                        TestJwts.valid(Instant.now()))), 403),
                Arguments.of("push signed by an unknown key", push.token("Bearer " + TestJwts.rs256(TestJwts.header("RS256",
                        "rotated-away"), TestJwts.googleClaims(Instant.now()), TestJwts.generate().getPrivate())), 403),
                Arguments.of("push with alg none", push.token("Bearer " + TestJwts.unsigned(TestJwts.googleClaims(
                        Instant.now()))), 403),
                Arguments.of("push with HS256 keyed by the public key", push.token("Bearer " + TestJwts.hs256(
                        TestJwts.googleClaims(Instant.now()), TestJwts.shared().getPublic().getEncoded())), 403),
                Arguments.of("push for another audience", push.token(jwt(c -> c.put("aud", "https://x.example"))), 403),
                Arguments.of("push from another service account", push.token(jwt(c -> c.put("email",
                        "other@p.iam.gserviceaccount.com"))), 403),
                Arguments.of("push with an unverified email", push.token(jwt(c -> c.put("email_verified", "false"))), 403),
                Arguments.of("push with a garbage bearer", push.token("Bearer \u00ff\u00fe<script>"), 403),
                Arguments.of("push with a 20 KB bearer", push.token("Bearer " + "e".repeat(20_000)), 403),
                Arguments.of("push with an API token", push.token(bearer(ADMIN_TOKEN)), 403),
                Arguments.of("push with a wrong legacy token", push.query("not-the-push-token"), 403),
                Arguments.of("push with an empty legacy token", push.query(""), 401),
                Arguments.of("push, deeply nested JSON, no credentials", post("/pubsub/push").json(nested(100_000)), 401),
                Arguments.of("push, form content type, no credentials", post("/pubsub/push").body(
                        "application/x-www-form-urlencoded", "a=b&token=x".getBytes(StandardCharsets.UTF_8)), 401),
                Arguments.of("push, 2 MiB body with a valid token", post("/pubsub/push").token("Bearer " + TestJwts.valid(
                        Instant.now())).body("application/json", bytes(2 * 1024 * 1024, ' ')), 413),
                // REST: credentials
                Arguments.of("command without a token", post(ack).json("{}"), 401),
                Arguments.of("command with an unknown token", post(ack).token(bearer("fbk_guess")).json("{}"), 401),
                Arguments.of("command with a Google token", post(ack).token("Bearer " + TestJwts.valid(Instant.now()))
                        .json("{}"), 401),
                Arguments.of("command with Basic auth", post(ack).token("Basic YWRtaW46YWRtaW4=").json("{}"), 401),
                Arguments.of("command with the token's hash", post(ack).token(bearer(
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).json("{}"), 401),
                Arguments.of("command as a viewer", post(ack).token(bearer(VIEWER_TOKEN)).json("{}"), 403),
                Arguments.of("PUT as a viewer", request("PUT", "/api/v1/incidents/" + ID).token(bearer(VIEWER_TOKEN))
                        .json("{}"), 403),
                Arguments.of("quarantine as a responder", get("/api/v1/quarantine").token(bearer(RESPONDER_TOKEN)), 403),
                Arguments.of("metrics without a token", get("/q/metrics"), 401),
                Arguments.of("metrics as a viewer", get("/q/metrics").token(bearer(VIEWER_TOKEN)), 403),
                Arguments.of("openapi as a responder", get("/q/openapi").token(bearer(RESPONDER_TOKEN)), 403),
                // REST: malformed requests with valid credentials
                Arguments.of("note with deeply nested JSON", noteAsResponder.json(nested(5_000)), 400),
                Arguments.of("note with an unknown field",
                        noteAsResponder.json("{\"text\":\"x\",\"actor\":\"a\",\"admin\":true}"),
                        400),
                Arguments.of("note that is not JSON", noteAsResponder.json("{\"text\": nope"), 400),
                Arguments.of("note that is an array", noteAsResponder.json("[\"text\"]"), 400),
                Arguments.of("note with trailing garbage", noteAsResponder.json("{\"text\":\"x\"} {}"), 400),
                Arguments.of("note with a 200 KB text", noteAsResponder.json("{\"text\":\"" + "n".repeat(200_000) + "\"}"),
                        400),
                Arguments.of("note with text as a number", noteAsResponder.json("{\"text\":12}"), 400),
                Arguments.of("note with a duplicate key", noteAsResponder.json("{\"text\":\"a\",\"text\":\"b\"}"), 400),
                Arguments.of("note as text/plain", noteAsResponder.body("text/plain", "hello".getBytes(
                        StandardCharsets.UTF_8)), 415),
                Arguments.of("note as XML", noteAsResponder.body("application/xml", "<text>x</text>".getBytes(
                        StandardCharsets.UTF_8)), 415),
                Arguments.of("note with a garbage If-Match", noteAsResponder.json("{\"text\":\"x\"}")
                        .query(null), 400),
                Arguments.of("command on id abc", post("/api/v1/incidents/abc/acknowledge").token(bearer(RESPONDER_TOKEN))
                        .json("{}"), 404),
                Arguments.of("command on id -1", post("/api/v1/incidents/-1/acknowledge").token(bearer(RESPONDER_TOKEN))
                        .json("{}"), 404),
                Arguments.of("command on a 30-digit id", post("/api/v1/incidents/" + "9".repeat(30) + "/acknowledge")
                        .token(bearer(RESPONDER_TOKEN))
                        .json("{}"), 404),
                Arguments.of("command on an unknown step", post("/api/v1/incidents/" + ID + "/steps/rm -rf/complete")
                        .token(bearer(RESPONDER_TOKEN))
                        .json("{}"), 404),
                Arguments.of("DELETE an incident", request("DELETE", "/api/v1/incidents/" + ID).token(bearer(ADMIN_TOKEN)),
                        405),
                Arguments.of("read id 1e3", get("/api/v1/incidents/1e3").token(bearer(VIEWER_TOKEN)), 404),
                Arguments.of("read id with SQL", get("/api/v1/incidents/1 OR 1=1").token(bearer(VIEWER_TOKEN)), 404),
                Arguments.of("read timeline of id 0", get("/api/v1/incidents/0/timeline").token(bearer(VIEWER_TOKEN)), 404),
                Arguments.of("list with limit abc", get("/api/v1/incidents").token(bearer(VIEWER_TOKEN)).query("abc"), 400),
                Arguments.of("list with limit 10^9", get("/api/v1/incidents").token(bearer(VIEWER_TOKEN))
                        .query(
                                "1000000000"),
                        400),
                Arguments.of("unknown API path", get("/api/v1/secrets").token(bearer(ADMIN_TOKEN)), 404));
    }

    @Test
    void bodyAboveTheHttpLimitIsRefusedFromItsLengthAlone() throws IOException {
        String path = "/api/v1/incidents/" + existingIncident() + "/notes";
        Map<String, Long> before = rowCounts();

        String answer = rawRequest("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + RESPONDER_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + (17 * 1024 * 1024)
                + "\r\n\r\n{\"text\":\"");

        // Quarkus answers this one itself, before any route: status only, no body (and closes the connection)
        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
        assertThat(rowCounts()).isEqualTo(before);
    }

    /** Sends raw bytes and returns what the server answers before closing (or within two seconds). */
    static String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                InputStream in = socket.getInputStream();
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // the server keeps the connection open after answering
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, Db.count(dataSource, "SELECT count(*) FROM " + table));
        }
        return counts;
    }

    long existingIncident() {
        Long id = Db.count(dataSource, "SELECT coalesce(max(id), 0) FROM incident");
        if (id > 0) {
            return id;
        }
        given().contentType(ContentType.JSON)
                .queryParam("token", SecuredProfile.PUSH_TOKEN)
                .body(Payloads.envelope(Payloads.bytes(Payloads.notification("0.hostile-target", "open", 1_764_000_000L,
                        null, "checkout-target")), Payloads.newMessageId()))
                .post("/pubsub/push")
                .then()
                .statusCode(204);
        return Db.count(dataSource, "SELECT max(id) FROM incident");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("corpus")
    void refusedWithoutSideEffects(String name, Case hostile, int expected) {
        String path = hostile.path().replace(ID, Long.toString(existingIncident()));
        Map<String, Long> before = rowCounts();

        RequestSpecification request = given().urlEncodingEnabled(true);
        if (hostile.authorization() != null) {
            request.header("Authorization", hostile.authorization());
        }
        if (hostile.body() != null && hostile.contentType().startsWith("application/x-www-form-urlencoded")) {
            request.contentType(hostile.contentType()).body(new String(hostile.body(), StandardCharsets.UTF_8));
        } else if (hostile.body() != null) {
            request.contentType(hostile.contentType()).body(hostile.body());
        }
        if (name.contains("If-Match")) {
            request.header("If-Match", "\"1\" OR 1=1");
        }
        if (hostile.query() != null) {
            request.queryParam(path.startsWith("/pubsub") ? "token" : "limit", hostile.query());
        }
        Response response = request.request(hostile.method(), path);

        assertThat(response.statusCode()).as(name + ": " + response.asString()).isEqualTo(expected);
        assertThat(response.contentType()).as(name).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(expected);
        assertThat(response.asString()).as(name)
                .doesNotContainPattern("(Exception|\\bat [a-z]+\\.[a-z]+\\.|dev\\.firebreak\\.)")
                .doesNotContain(SecuredProfile.PUSH_TOKEN)
                .doesNotContain(RESPONDER_TOKEN);
        assertThat(rowCounts()).as("no side effect of: " + name).isEqualTo(before);
    }
}
