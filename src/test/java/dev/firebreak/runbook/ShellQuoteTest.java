package dev.firebreak.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    static Stream<Arguments> quotedValues() {
        return Stream.of(
                Arguments.of("checkout-7d9f8b6c5d-x2x7q", "checkout-7d9f8b6c5d-x2x7q"),
                Arguments.of("gke_p1_europe-west1_c1", "gke_p1_europe-west1_c1"),
                Arguments.of("example.com:my-project", "example.com:my-project"),
                Arguments.of("a/b=c@d%e+f", "a/b=c@d%e+f"),
                Arguments.of("", "''"),
                Arguments.of(null, "''"),
                Arguments.of("a b", "'a b'"),
                Arguments.of("$(rm -rf /)", "'$(rm -rf /)'"),
                Arguments.of("`reboot`", "'`reboot`'"),
                Arguments.of("x; rm -rf ~", "'x; rm -rf ~'"),
                Arguments.of("a && b || c | d & e", "'a && b || c | d & e'"),
                Arguments.of("it's", "'it'\\''s'"),
                Arguments.of("'", "''\\'''"),
                Arguments.of("''", "''\\'''\\'''"),
                Arguments.of("$HOME ${IFS} !! \\", "'$HOME ${IFS} !! \\'"),
                Arguments.of("*", "'*'"),
                Arguments.of("~root", "'~root'"),
                Arguments.of("=ls", "'=ls'"),
                Arguments.of("a>b<c", "'a>b<c'"),
                Arguments.of("pod\nrm -rf /", "'pod?rm -rf /'"),
                Arguments.of("x\r\u0000\u001b[2Jy", "'x???[2Jy'"),
                Arguments.of("\u202Eevil\u2066", "'?evil?'"),
                Arguments.of("zero\u200Bwidth", "'zero?width'"),
                Arguments.of("line\u2028sep", "'line?sep'"),
                Arguments.of("重启Gce", "'重启Gce'"),
                Arguments.of("café-😀", "'café-😀'"),
                Arguments.of("lone\uD800surrogate", "'lone?surrogate'"));
    }

    @ParameterizedTest
    @MethodSource("quotedValues")
    void quotesValues(String value, String expected) {
        assertThat(ShellQuote.quote(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("quotedValues")
    void quotedWordIsOneLineOfVisibleCharacters(String value, String ignored) {
        String quoted = ShellQuote.quote(value);

        assertThat(quoted).doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
        assertThat(ShellQuote.sanitize(quoted)).isEqualTo(quoted);
    }

    @ParameterizedTest
    @EnabledOnOs({OS.LINUX, OS.MAC})
    @ValueSource(strings = {"$(touch PWNED)", "`touch PWNED`", "x; touch PWNED", "x' ; touch PWNED ; '",
            "x'\"'\"'; touch PWNED",
            "\"$(touch PWNED)\"", "a\ntouch PWNED", "x | touch PWNED", "x && touch PWNED", "$(touch${IFS}PWNED)",
            "'$(touch PWNED)'", "\\'; touch PWNED; echo \\'", "*", "~", "{a,b}", "重启Gce; touch PWNED", "--flag=1",
            "", " ", "'"})
    void shellParsesTheQuotedValueBackAsOneWordAndRunsNothing(String hostile, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("other-file"), "so that * and {a,b} would have something to expand to");

        var words = ShellHarness.words("before " + ShellQuote.quote(hostile) + " after", dir);

        assertThat(words).containsExactly("before", ShellQuote.sanitize(hostile), "after");
        assertThat(dir.resolve("PWNED")).doesNotExist();
    }

    @Test
    void anAlreadyQuotedWordIsQuotedAgainAsPlainText() {
        String once = ShellQuote.quote("a b");

        assertThat(ShellQuote.quote(once)).isEqualTo("''\\''a b'\\'''");
    }
}
