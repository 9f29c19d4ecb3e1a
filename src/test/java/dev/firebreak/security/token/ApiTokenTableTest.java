package dev.firebreak.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code name:role:sha256hex} table: parsing with clear errors, hash matching, roles and what they imply.
 */
class ApiTokenTableTest {
    static String hash(String token) {
        return HexFormat.of().formatHex(ApiTokenTable.sha256(token));
    }

    private final ApiTokenTable table = ApiTokenTable.parse(List.of(
            "alice:viewer:" + hash("alice-token"),
            " bob : responder : " + hash("bob-token").toUpperCase(),
            "ops-bot:admin:" + hash("ops-token")));

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "alice-token, alice, VIEWER",
            "bob-token, bob, RESPONDER",
            "ops-token, ops-bot, ADMIN",
    })
    void matchesByHash(String token, String name, ApiRole role) {
        assertThat(table.match(token)).contains(new ApiCaller(name, role));
    }

    @ParameterizedTest(name = "no match for \"{0}\"")
    @CsvSource({"'alice-token '", "ALICE-TOKEN", "alice", "''", "'ops-token\t'", "' bob-token'"})
    void unknownTokensDoNotMatch(String token) {
        assertThat(table.match(token)).isEmpty();
        assertThat(table.match(null)).isEmpty();
    }

    @Test
    void theHashItselfIsNotAToken() {
        assertThat(table.match(hash("alice-token"))).isEmpty();
    }

    @Test
    void tooLongTokensAreRefusedBeforeHashing() {
        assertThat(table.match("x".repeat(ApiTokenTable.MAX_TOKEN_CHARS + 1))).isEmpty();
    }

    @Test
    void shellHashMatchesTheDocumentedCommand() {
        // printf %s s3cret | sha256sum
        assertThat(hash("s3cret")).isEqualTo("1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0");
    }

    @ParameterizedTest(name = "{0} implies {1}")
    @CsvSource({"VIEWER, VIEWER", "RESPONDER, 'VIEWER,RESPONDER'", "ADMIN, 'VIEWER,RESPONDER,ADMIN'"})
    void rolesImplyTheLowerOnes(ApiRole role, String implied) {
        assertThat(role.withImplied()).containsExactlyInAnyOrder(
                Arrays.stream(implied.split(",")).map(ApiRole::valueOf).toArray(ApiRole[]::new));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "alice:viewer | name:role:sha256hex",
            "alice:viewer:abc:def | name:role:sha256hex",
            "al ice:viewer:" + "0000000000000000000000000000000000000000000000000000000000000000" + " | the name must be",
            "alice:root:0000000000000000000000000000000000000000000000000000000000000000 | the role must be viewer, responder or admin",
            "alice:viewer:my-plain-token | SHA-256 of the token",
            "alice:viewer:0000000000000000000000000000000000000000000000000000000000000000,"
                    + "alice:admin:1111111111111111111111111111111111111111111111111111111111111111 | the name is used twice",
            "a:viewer:0000000000000000000000000000000000000000000000000000000000000000,"
                    + "b:admin:0000000000000000000000000000000000000000000000000000000000000000 | configured twice",
    })
    void invalidEntriesAreNamedAndExplained(String spec, String message) {
        assertThatThrownBy(() -> ApiTokenTable.parse(List.of(spec.split(","))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API token entry #")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("my-plain-token"));
    }

    @Test
    void blankEntriesAreIgnored() {
        assertThat(ApiTokenTable.parse(List.of("", "  ")).isEmpty()).isTrue();
        assertThat(table.size()).isEqualTo(3);
    }
}
