package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentCursorTest {

    @ParameterizedTest
    @CsvSource({
            "2026-11-24T08:00:00Z, 1",
            "2026-11-24T08:00:00.123456Z, 9223372036854775807",
            "1969-12-31T23:59:59.999999Z, 42",
            "0001-01-01T00:00:00Z, 7",
            "9999-12-31T23:59:59.999999Z, 8"})
    void roundTripsTheKeysetPosition(String openedAt, long id) {
        IncidentCursor cursor = new IncidentCursor(Instant.parse(openedAt), id);

        String text = cursor.encode();

        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(IncidentCursor.decode(text)).isEqualTo(cursor);
    }

    @Test
    void keepsMicrosecondsLikePostgres() {
        IncidentCursor cursor = new IncidentCursor(Instant.parse("2026-11-24T08:00:00.123456789Z"), 5);

        assertThat(IncidentCursor.decode(cursor.encode()).openedAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00.123456Z"));
    }

    @Test
    void everySingleCharacterEditIsRejected() {
        String text = new IncidentCursor(Instant.parse("2026-11-24T08:00:00.5Z"), 1234).encode();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int rejected = 0;
        for (int i = 0; i < text.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != text.charAt(i)) {
                    String edited = text.substring(0, i) + c + text.substring(i + 1);
                    assertThatThrownBy(() -> IncidentCursor.decode(edited)).isInstanceOf(InvalidCursorException.class);
                    rejected++;
                }
            }
        }
        assertThat(rejected).isEqualTo(text.length() * 63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "not a cursor", "!!!!", "AQ", "AQAAAAAAAAAAAAAAAAAAAAE",
            "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void garbageIsRejected(String text) {
        assertThatThrownBy(() -> IncidentCursor.decode(text)).isInstanceOf(InvalidCursorException.class)
                .hasMessageStartingWith("cursor is not valid");
    }

    @Test
    void anotherVersionIsRejected() {
        byte[] bytes = Base64.getUrlDecoder().decode(new IncidentCursor(Instant.EPOCH, 1).encode());
        bytes[0] = 2;

        assertThatThrownBy(() -> IncidentCursor.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .isInstanceOf(InvalidCursorException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "100%        | %100\\%%",
            "a_b         | %a\\_b%",
            "C:\\temp    | %C:\\\\temp%",
            "plain       | %plain%"})
    void containsPatternEscapesLikeWildcards(String text, String pattern) {
        assertThat(SearchSql.containsPattern(text)).isEqualTo(pattern);
    }
}
