package dev.firebreak.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.firebreak.testsupport.TestJwts;

/**
 * Fuzzes the ID token verifier: arbitrary strings, and well-signed tokens whose header and claims are arbitrary JSON.
 * The only acceptable failure is {@link InvalidTokenException}, and anything accepted must satisfy every rule.
 * Regression mode (seeds) in every build; {@code JAZZER_FUZZ=1} explores (README "Fuzzing").
 */
class IdTokenVerifierFuzzTest {
    private static final KeyPair KEYS = TestJwts.shared();
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final IdTokenRules RULES = IdTokenRules.google(TestJwts.ISSUER, TestJwts.AUDIENCE,
            TestJwts.SERVICE_ACCOUNT, IdTokenRules.DEFAULT_CLOCK_SKEW);
    private static final IdTokenVerifier VERIFIER = new IdTokenVerifier(
            kid -> TestJwts.KID.equals(kid) ? Optional.of((RSAPublicKey) KEYS.getPublic()) : Optional.empty(), RULES,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @FuzzTest(maxDuration = "5s")
    void arbitraryTokens(FuzzedDataProvider data) {
        check(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "5s")
    void signedTokensWithArbitraryJson(FuzzedDataProvider data) {
        String header = data.consumeBoolean()
                ? "{\"alg\":\"RS256\",\"kid\":\"" + TestJwts.KID + "\"}"
                : data.consumeString(200);
        String claims = data.consumeRemainingAsString();
        check(TestJwts.rs256Raw(header, claims, KEYS.getPrivate()));
    }

    private static void check(String token) {
        VerifiedIdToken verified;
        try {
            verified = VERIFIER.verify(token);
        } catch (InvalidTokenException e) {
            assertThat(e.reason()).isNotBlank().doesNotContain(token.length() > 20 ? token : "\u0000");
            return;
        }
        assertThat(verified.email()).isEqualTo(TestJwts.SERVICE_ACCOUNT);
        assertThat(RULES.issuers()).contains(verified.issuer());
        assertThat(verified.issuedAt()).isBeforeOrEqualTo(NOW.plus(RULES.clockSkew()));
        assertThat(verified.expiresAt().plus(RULES.clockSkew())).isAfter(NOW);
        assertThat(token.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4 * IdTokenVerifier.MAX_TOKEN_CHARS);
    }
}
