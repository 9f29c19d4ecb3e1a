package dev.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.firebreak.ingest.pubsub.PushConfig;
import dev.firebreak.security.ApiSecurityConfig;

/**
 * Production refuses to start with push or API authentication unconfigured or incomplete, and says what to set.
 */
class StartupChecksTest {

    record Push(Optional<PushAuth> auth, Optional<String> token, Oidc oidc) implements PushConfig {
        @Override
        public int maxBodyBytes() {
            return 1024;
        }
    }

    record Oidc(Optional<String> audience, Optional<String> serviceAccount) implements PushConfig.Oidc {
        @Override
        public String issuer() {
            return "https://accounts.google.com";
        }

        @Override
        public String jwksUrl() {
            return "http://127.0.0.1:1/certs";
        }

        @Override
        public Duration clockSkew() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Duration jwksMinRefetchInterval() {
            return Duration.ofSeconds(30);
        }
    }

    record Api(Optional<ApiAuth> auth, Optional<List<String>> tokens) implements ApiSecurityConfig {
        @Override
        public boolean protectMetrics() {
            return false;
        }

        @Override
        public boolean protectOpenapi() {
            return false;
        }
    }

    static Optional<String> opt(String value) {
        return Optional.ofNullable(value);
    }

    @ParameterizedTest(name = "push auth={0} token={1} audience={2} sa={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-     | -      | -                  | -                | FIREBREAK_PUSH_AUTH",
            "TOKEN | -      | -                  | -                | FIREBREAK_PUSH_TOKEN",
            "TOKEN | '  '   | -                  | -                | FIREBREAK_PUSH_TOKEN",
            "OIDC  | -      | -                  | sa@p.iam         | FIREBREAK_PUSH_OIDC_AUDIENCE",
            "OIDC  | -      | https://x.example  | -                | FIREBREAK_PUSH_OIDC_SERVICE_ACCOUNT",
            "OIDC  | -      | https://x.example  | sa@p.iam         | ok",
            "OIDC  | secret | https://x.example  | sa@p.iam         | ok",
            "TOKEN | secret | -                  | -                | ok",
            "NONE  | -      | -                  | -                | ok",
    })
    void pushSettings(PushConfig.PushAuth auth, String token, String audience, String serviceAccount, String outcome) {
        Push push = new Push(Optional.ofNullable(auth), opt(token), new Oidc(opt(audience), opt(serviceAccount)));
        if (outcome.equals("ok")) {
            assertThatCode(() -> StartupChecks.checkPush(push)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> StartupChecks.checkPush(push)).hasMessageContaining(outcome);
        }
    }

    @ParameterizedTest(name = "api auth={0} tokens={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-      | -                                                                                | FIREBREAK_API_AUTH",
            "TOKENS | -                                                                                | FIREBREAK_API_TOKENS",
            "TOKENS | alice:viewer:plain-token                                                         | SHA-256",
            "TOKENS | alice:boss:0000000000000000000000000000000000000000000000000000000000000000      | role",
            "OIDC   | -                                                                                | not supported yet",
            "TOKENS | alice:viewer:0000000000000000000000000000000000000000000000000000000000000000    | ok",
            "NONE   | -                                                                                | ok",
    })
    void apiSettings(ApiSecurityConfig.ApiAuth auth, String tokens, String outcome) {
        Api api = new Api(Optional.ofNullable(auth), Optional.ofNullable(tokens).map(List::of));
        if (outcome.equals("ok")) {
            assertThatCode(() -> StartupChecks.checkApi(api)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> StartupChecks.checkApi(api)).hasMessageContaining(outcome)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("plain-token"));
        }
    }
}
