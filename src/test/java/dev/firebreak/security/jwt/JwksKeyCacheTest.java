package dev.firebreak.security.jwt;

import static dev.firebreak.testsupport.TestJwts.AUDIENCE;
import static dev.firebreak.testsupport.TestJwts.ISSUER;
import static dev.firebreak.testsupport.TestJwts.SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.firebreak.testsupport.CannedResponse;
import dev.firebreak.testsupport.CapturingHttpServer;
import dev.firebreak.testsupport.MutableClock;
import dev.firebreak.testsupport.TestJwts;

/**
 * Fetching, caching and rotating Google's keys from a JWKS served on loopback: an unknown kid causes one refetch and
 * then fails, a flood of made-up kids costs one request per interval, rotation is picked up, outages keep old keys.
 */
class JwksKeyCacheTest {
    static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);
    static final KeyPair FIRST = TestJwts.shared();
    static final KeyPair ROTATED = TestJwts.generate();

    private final CapturingHttpServer google = CapturingHttpServer.start();
    private final MutableClock clock = new MutableClock(NOW);
    private final JwksKeyCache keys = new JwksKeyCache(new HttpJwksSource(URI.create(google.url("/oauth2/v3/certs")),
            Duration.ofSeconds(2)), clock, MIN_REFETCH);
    private final IdTokenVerifier verifier = new IdTokenVerifier(keys,
            IdTokenRules.google(ISSUER, AUDIENCE, SERVICE_ACCOUNT, IdTokenRules.DEFAULT_CLOCK_SKEW), clock);

    @AfterEach
    void stop() {
        google.close();
    }

    private void publish(Map<String, RSAPublicKey> published, String cacheControl) {
        google.respondWith(CannedResponse.json(200, TestJwts.jwks(published)).withHeader("Cache-Control", cacheControl));
    }

    private String token(String kid, KeyPair pair) {
        return TestJwts.rs256(TestJwts.header("RS256", kid), TestJwts.googleClaims(clock.instant().minusSeconds(5)),
                pair.getPrivate());
    }

    @Test
    void unknownKidRefetchesOnceThenFailsAndFloodsAreRateLimited() {
        publish(Map.of("k1", (RSAPublicKey) FIRST.getPublic()), "public, max-age=3600");

        assertThat(verifier.verify(token("k1", FIRST)).email()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(verifier.verify(token("k1", FIRST)).email()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(google.requests()).hasSize(1);
        clock.advance(MIN_REFETCH);

        assertThatThrownBy(() -> verifier.verify(token("k-unknown", FIRST))).hasMessageContaining("unknown key");
        assertThat(google.requests()).hasSize(2);

        for (int i = 0; i < 200; i++) {
            String kid = "forged-" + i;
            assertThatThrownBy(() -> verifier.verify(token(kid, FIRST))).isInstanceOf(InvalidTokenException.class);
        }
        assertThat(google.requests()).as("a flood of forged kids inside one interval costs no extra fetch").hasSize(2);
        clock.advance(MIN_REFETCH);
        assertThatThrownBy(() -> verifier.verify(token("forged-again", FIRST))).hasMessageContaining("unknown key");
        assertThat(google.requests()).as("one more fetch per interval").hasSize(3);
        assertThat(google.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/oauth2/v3/certs"));
    }

    @Test
    void rotatedKeyIsPickedUpOnTheNextAllowedRefetch() {
        publish(Map.of("k1", (RSAPublicKey) FIRST.getPublic()), "public, max-age=3600");
        verifier.verify(token("k1", FIRST));
        publish(Map.of("k1", (RSAPublicKey) FIRST.getPublic(), "k2", (RSAPublicKey) ROTATED.getPublic()),
                "public, max-age=3600");
        clock.advance(MIN_REFETCH);

        assertThat(verifier.verify(token("k2", ROTATED)).email()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(google.requests()).hasSize(2);
    }

    @Test
    void cachedKeysExpireWithMaxAgeAndSurviveAnOutage() {
        publish(Map.of("k1", (RSAPublicKey) FIRST.getPublic()), "max-age=120");
        verifier.verify(token("k1", FIRST));
        clock.advance(Duration.ofSeconds(121));
        google.respondWith(CannedResponse.status(503));

        assertThat(verifier.verify(token("k1", FIRST)).email()).as("stale keys are kept while Google is down")
                .isEqualTo(SERVICE_ACCOUNT);
        assertThat(google.requests()).hasSize(2);
    }

    @ParameterizedTest(name = "first fetch answered {0} -> keys unavailable")
    @CsvSource({
            "500, text/plain, oops",
            "200, application/json, not json",
            "200, application/json, '{\"keys\":[]}'",
            "200, application/json, '{\"keys\":[{\"kty\":\"EC\",\"kid\":\"e\",\"x\":\"AA\",\"y\":\"AA\"}]}'",
            "200, application/json, '{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"short\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}'",
    })
    void unusableFirstFetchIsAnOutageNotAVerdict(int status, String contentType, String body) {
        google.respondWith(CannedResponse.body(status, contentType, body));

        assertThatThrownBy(() -> verifier.verify(token("k1", FIRST))).isInstanceOf(SigningKeysUnavailableException.class);
        assertThatThrownBy(() -> verifier.verify(token("k1", FIRST)))
                .as("and the next attempt waits for the interval")
                .isInstanceOf(SigningKeysUnavailableException.class);
        assertThat(google.requests()).hasSize(1);
    }

    @Test
    void unreachableHostIsAnOutage() {
        google.close();

        assertThatThrownBy(() -> keys.find("k1")).isInstanceOf(SigningKeysUnavailableException.class);
    }

    @ParameterizedTest(name = "Cache-Control \"{0}\" -> {1}")
    @CsvSource({
            "'public, max-age=19204, must-revalidate, no-transform', PT5H20M4S",
            "'max-age = 60', PT1M",
            "'no-store', ",
            "'s-maxage=100', ",
    })
    void maxAgeIsRead(String cacheControl, Duration expected) {
        assertThat(HttpJwksSource.maxAge(cacheControl)).isEqualTo(Optional.ofNullable(expected));
    }
}
