package dev.firebreak.security.jwt;

import static dev.firebreak.testsupport.TestJwts.AUDIENCE;
import static dev.firebreak.testsupport.TestJwts.ISSUER;
import static dev.firebreak.testsupport.TestJwts.KID;
import static dev.firebreak.testsupport.TestJwts.SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.firebreak.testsupport.MutableClock;
import dev.firebreak.testsupport.TestJwts;

/**
 * Every check of the ID token verifier, one changed claim or header per row, against Google's documented claims.
 */
class IdTokenVerifierTest {
    static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    static final KeyPair KEYS = TestJwts.shared();
    static final KeyPair OTHER_KEYS = TestJwts.generate();

    private final MutableClock clock = new MutableClock(NOW);
    private final SigningKeys keys = kid -> KID.equals(kid)
            ? Optional.of((RSAPublicKey) KEYS.getPublic())
            : Optional.empty();
    private final IdTokenVerifier verifier = new IdTokenVerifier(keys,
            IdTokenRules.google(ISSUER, AUDIENCE, SERVICE_ACCOUNT, IdTokenRules.DEFAULT_CLOCK_SKEW), clock);

    static Map<String, Object> claims(Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new LinkedHashMap<>(TestJwts.googleClaims(NOW.minusSeconds(600)));
        change.accept(claims);
        return claims;
    }

    static String signed(Consumer<Map<String, Object>> change) {
        return TestJwts.rs256(TestJwts.header("RS256", KID), claims(change), KEYS.getPrivate());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("Google's documented claims", (Supplier<String>) () -> signed(c -> {
                })),
                Arguments.of("bare issuer accounts.google.com", (Supplier<String>) () -> signed(c -> c.put("iss",
                        "accounts.google.com"))),
                Arguments.of("expired 30 s ago, inside the skew", (Supplier<String>) () -> signed(c -> c.put("exp",
                        NOW.minusSeconds(30).getEpochSecond()))),
                Arguments.of("issued 30 s in the future, inside the skew", (Supplier<String>) () -> signed(c -> c.put(
                        "iat", NOW.plusSeconds(30).getEpochSecond()))),
                Arguments.of("issued 1 h ago (Pub/Sub's oldest)", (Supplier<String>) () -> signed(c -> {
                    c.put("iat", NOW.minusSeconds(3600).getEpochSecond());
                    c.put("exp", NOW.plusSeconds(10).getEpochSecond());
                })),
                Arguments.of("audience as an array", (Supplier<String>) () -> signed(c -> c.put("aud", List.of(
                        "other", AUDIENCE)))),
                Arguments.of("no typ header", (Supplier<String>) () -> TestJwts.rs256(Map.of("alg", "RS256", "kid", KID),
                        claims(c -> {
                        }), KEYS.getPrivate())));
    }

    @ParameterizedTest(name = "accepts: {0}")
    @MethodSource("accepted")
    void accepts(String name, Supplier<String> token) {
        VerifiedIdToken verified = verifier.verify(token.get());

        assertThat(verified.email()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(verified.subject()).isEqualTo("113774264463038321964");
        assertThat(verified.expiresAt()).isAfter(verified.issuedAt());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("expired", (Supplier<String>) () -> signed(c -> {
                    c.put("iat", NOW.minusSeconds(3700).getEpochSecond());
                    c.put("exp", NOW.minusSeconds(100).getEpochSecond());
                }), "expired"),
                Arguments.of("issued in the future", (Supplier<String>) () -> signed(c -> c.put("iat",
                        NOW.plusSeconds(300).getEpochSecond())), "future"),
                Arguments.of("older than one hour", (Supplier<String>) () -> signed(c -> {
                    c.put("iat", NOW.minusSeconds(2 * 3600).getEpochSecond());
                    c.put("exp", NOW.plusSeconds(600).getEpochSecond());
                }), "too old"),
                Arguments.of("not valid before", (Supplier<String>) () -> signed(c -> c.put("nbf",
                        NOW.plusSeconds(600).getEpochSecond())), "not valid yet"),
                Arguments.of("no exp", (Supplier<String>) () -> signed(c -> c.remove("exp")), "\"exp\""),
                Arguments.of("exp as text", (Supplier<String>) () -> signed(c -> c.put("exp", "tomorrow")), "\"exp\""),
                Arguments.of("no iat", (Supplier<String>) () -> signed(c -> c.remove("iat")), "\"iat\""),
                Arguments.of("wrong issuer", (Supplier<String>) () -> signed(c -> c.put("iss", "https://evil.example")),
                        "issuer"),
                Arguments.of("issuer missing", (Supplier<String>) () -> signed(c -> c.remove("iss")), "issuer"),
                Arguments.of("wrong audience", (Supplier<String>) () -> signed(c -> c.put("aud",
                        "https://other.example/push")), "audience"),
                Arguments.of("audience array without ours", (Supplier<String>) () -> signed(c -> c.put("aud", List.of(
                        "a", "b"))), "audience"),
                Arguments.of("wrong email", (Supplier<String>) () -> signed(c -> c.put("email",
                        "attacker@evil-project.iam.gserviceaccount.com")), "service account"),
                Arguments.of("email in other case", (Supplier<String>) () -> signed(c -> c.put("email",
                        SERVICE_ACCOUNT.toUpperCase())), "service account"),
                Arguments.of("email_verified false", (Supplier<String>) () -> signed(c -> c.put("email_verified", false)),
                        "not verified"),
                Arguments.of("email_verified missing", (Supplier<String>) () -> signed(c -> c.remove("email_verified")),
                        "not verified"),
                Arguments.of("alg none", (Supplier<String>) () -> TestJwts.unsigned(claims(c -> {
                })), "not a signed JWT"),
                Arguments.of("alg none with a signature", (Supplier<String>) () -> TestJwts.unsigned(claims(c -> {
                })) + "AAAA", "RS256"),
                Arguments.of("HS256 with the public key as secret", (Supplier<String>) () -> TestJwts.hs256(claims(c -> {
                }), KEYS.getPublic().getEncoded()), "RS256"),
                Arguments.of("alg in lower case", (Supplier<String>) () -> TestJwts.rs256(TestJwts.header("rs256", KID),
                        claims(c -> {
                        }), KEYS.getPrivate()), "RS256"),
                Arguments.of("RS512", (Supplier<String>) () -> TestJwts.rs256(TestJwts.header("RS512", KID), claims(c -> {
                }), KEYS.getPrivate()), "RS256"),
                Arguments.of("no kid", (Supplier<String>) () -> TestJwts.rs256(TestJwts.header("RS256", null), claims(c -> {
                }), KEYS.getPrivate()), "kid"),
                Arguments.of("unknown kid", (Supplier<String>) () -> TestJwts.rs256(TestJwts.header("RS256", "other-kid"),
                        claims(c -> {
                        }), KEYS.getPrivate()), "unknown key"),
                Arguments.of("signed by another key", (Supplier<String>) () -> TestJwts.rs256(TestJwts.header("RS256", KID),
                        claims(c -> {
                        }), OTHER_KEYS.getPrivate()), "signature"),
                Arguments.of("tampered payload", (Supplier<String>) () -> TestJwts.withPayload(signed(c -> {
                }), claims(c -> c.put("email", "attacker@example.com"))), "signature"),
                Arguments.of("tampered signature", (Supplier<String>) () -> TestJwts.withTamperedSignature(signed(c -> {
                })), "signature"),
                Arguments.of("signature stripped", (Supplier<String>) () -> {
                    String token = signed(c -> {
                    });
                    return token.substring(0, token.lastIndexOf('.') + 1);
                }, "not a signed JWT"),
                Arguments.of("critical header", (Supplier<String>) () -> TestJwts.rs256(Map.of("alg", "RS256", "kid", KID,
                        "crit", List.of("exp")), claims(c -> {
                        }), KEYS.getPrivate()), "critical"),
                Arguments.of("duplicate email claim", (Supplier<String>) () -> TestJwts.rs256Raw(
                        "{\"alg\":\"RS256\",\"kid\":\"" + KID + "\"}",
                        "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"email\":\"" + SERVICE_ACCOUNT
                                + "\",\"email\":\"attacker@example.com\",\"email_verified\":true,\"iat\":"
                                + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + 600) + "}",
                        KEYS.getPrivate()), "payload is not a JSON object"),
                Arguments.of("payload is an array", (Supplier<String>) () -> TestJwts.rs256Raw(
                        "{\"alg\":\"RS256\",\"kid\":\"" + KID + "\"}", "[1,2]", KEYS.getPrivate()),
                        "payload is not a JSON object"),
                Arguments.of("two parts", (Supplier<String>) () -> "eyJhbGciOiJSUzI1NiJ9.eyJ9", "not a signed JWT"),
                Arguments.of("four parts", (Supplier<String>) () -> signed(c -> {
                }) + ".AAAA", "not a signed JWT"),
                Arguments.of("not base64url", (Supplier<String>) () -> "ey$$.eyJ9.AAAA", "not base64url"),
                Arguments.of("header is not JSON", (Supplier<String>) () -> TestJwts.b64("not json") + ".eyJ9.AAAA",
                        "header is not a JSON object"),
                Arguments.of("huge token", (Supplier<String>) () -> "a".repeat(IdTokenVerifier.MAX_TOKEN_CHARS + 1),
                        "too long"),
                Arguments.of("empty", (Supplier<String>) () -> "", "no token"));
    }

    @ParameterizedTest(name = "refuses: {0}")
    @MethodSource("refused")
    void refuses(String name, Supplier<String> token, String reasonFragment) {
        assertThatThrownBy(() -> verifier.verify(token.get()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining(reasonFragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SERVICE_ACCOUNT).doesNotContain("eyJ"));
    }

    @Test
    void tokensAgeOutAsTheClockMoves() {
        String token = TestJwts.valid(NOW);
        assertThat(verifier.verify(token).issuedAt()).isEqualTo(NOW);

        clock.advance(Duration.ofMinutes(61));

        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("expired");
    }

    @Test
    void configuredNonGoogleIssuerDoesNotAlsoAcceptGoogle() {
        IdTokenRules rules = IdTokenRules.google("https://issuer.example", AUDIENCE, SERVICE_ACCOUNT,
                IdTokenRules.DEFAULT_CLOCK_SKEW);

        assertThat(rules.issuers()).containsExactly("https://issuer.example");
        assertThat(IdTokenRules.google(ISSUER, AUDIENCE, SERVICE_ACCOUNT, IdTokenRules.DEFAULT_CLOCK_SKEW).issuers())
                .containsExactlyInAnyOrder(ISSUER, "accounts.google.com");
    }
}
