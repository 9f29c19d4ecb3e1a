package dev.firebreak.ingest.pubsub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.LinkedHashMap;
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
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Payloads;
import dev.firebreak.testsupport.SecuredProfile;
import dev.firebreak.testsupport.TestJwts;

/**
 * Push with {@code firebreak.push.auth=oidc}: Pub/Sub's Google-signed token (served JWKS on loopback) or the legacy
 * {@code ?token=}. Missing credentials 401, credentials that do not verify 403, both problem+json, nothing stored.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class PushOidcAuthTest {
    @Inject
    DataSource dataSource;

    static String signed(Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new LinkedHashMap<>(TestJwts.googleClaims(Instant.now().minusSeconds(30)));
        change.accept(claims);
        return TestJwts.rs256(TestJwts.header("RS256", TestJwts.KID), claims, TestJwts.shared().getPrivate());
    }

    static String body(String messageId) {
        return Payloads.envelope(Payloads.bytes(Payloads.notification("0.oidc-" + messageId, "open", 1_764_000_000L, null,
                "checkout-oidc")), messageId);
    }

    long stored(String messageId) {
        return Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE message_id = ?", messageId);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no credentials", null, null, 401, "requires Pub/Sub's OIDC token"),
                Arguments.of("expired", "Bearer " + signed(c -> {
                    c.put("iat", Instant.now().minusSeconds(7200).getEpochSecond());
                    c.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
                }), null, 403, "expired"),
                Arguments.of("wrong audience", "Bearer " + signed(c -> c.put("aud", "https://elsewhere.example/push")), null,
                        403, "audience"),
                Arguments.of("wrong email", "Bearer " + signed(c -> c.put("email", "someone@evil.iam.gserviceaccount.com")),
                        null, 403, "service account"),
                Arguments.of("email not verified", "Bearer " + signed(c -> c.put("email_verified", false)), null, 403,
                        "not verified"),
                Arguments.of("alg none", "Bearer " + TestJwts.unsigned(TestJwts.googleClaims(Instant.now())) + "AAAA", null,
                        403, "RS256"),
                Arguments.of("HS256 keyed with the public key", "Bearer " + TestJwts.hs256(TestJwts.googleClaims(
                        Instant.now()), TestJwts.shared().getPublic().getEncoded()), null, 403, "RS256"),
                Arguments.of("tampered signature", "Bearer " + TestJwts.withTamperedSignature(signed(c -> {
                })), null, 403, "signature"),
                Arguments.of("not a bearer token", "Basic dXNlcjpwYXNz", null, 403, "not a bearer token"),
                Arguments.of("an API token is not Google's", SecuredProfile.bearer(SecuredProfile.ADMIN_TOKEN), null, 403,
                        "not a signed JWT"),
                Arguments.of("wrong legacy token", null, "legacy-push-token-012345678X", 403, "push token is not valid"),
                Arguments.of("bad JWT and wrong legacy token", "Bearer x.y.z", "nope", 403, "not"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("refused")
    void refusedWithProblemAndNothingStored(String name, String authorization, String queryToken, int status,
            String reason) {
        String messageId = Payloads.newMessageId();
        RequestSpecification request = given().contentType(ContentType.JSON).body(body(messageId));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (queryToken != null) {
            request.queryParam("token", queryToken);
        }

        request.post("/pubsub/push")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(reason))
                .body("detail", not(containsString(SecuredProfile.PUSH_TOKEN)))
                .body("instance", equalTo("/pubsub/push"));

        assertThat(stored(messageId)).isZero();
    }

    @Test
    void googleSignedTokenIsAccepted() {
        String messageId = Payloads.newMessageId();

        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + signed(c -> {
                }))
                .body(body(messageId))
                .post("/pubsub/push")
                .then()
                .statusCode(204);

        assertThat(stored(messageId)).isEqualTo(1);
    }

    @Test
    void bareGoogleIssuerIsAccepted() {
        String messageId = Payloads.newMessageId();

        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + signed(c -> c.put("iss", "accounts.google.com")))
                .body(body(messageId))
                .post("/pubsub/push")
                .then()
                .statusCode(204);

        assertThat(stored(messageId)).isEqualTo(1);
    }

    @Test
    void legacyQueryTokenStillWorksAlongsideOidc() {
        String messageId = Payloads.newMessageId();

        given().contentType(ContentType.JSON)
                .queryParam("token", SecuredProfile.PUSH_TOKEN)
                .body(body(messageId))
                .post("/pubsub/push")
                .then()
                .statusCode(204);

        assertThat(stored(messageId)).isEqualTo(1);
    }
}
