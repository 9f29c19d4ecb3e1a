package dev.firebreak.ingest.gcm;

import static dev.firebreak.ingest.gcm.GcmFixtures.alert;
import static dev.firebreak.ingest.gcm.GcmFixtures.baseWith;
import static dev.firebreak.ingest.gcm.GcmFixtures.baseWithIncidentField;
import static dev.firebreak.ingest.gcm.GcmFixtures.incident;
import static dev.firebreak.ingest.gcm.GcmFixtures.parsed;
import static dev.firebreak.ingest.gcm.GcmFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.alert.ConditionKind;
import dev.firebreak.alert.SourceSeverity;

/**
 * Scalar variations of wire-formats §5 items 12, 13, 16, 17, 18, 19 and 23, each applied to a real 1.2 sample: the
 * JSON literal in the first column replaces (or, as {@code <absent>}, removes) one field.
 */
class GcmSchemaVariationTest {

    @ParameterizedTest(name = "version {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # version literal | schema version | known | test notification
            "1.2"             | 1.2            | true  | false
            1.2               | 1.2            | true  | false
            1.1               | 1.1            | true  | false
            "1.1"             | 1.1            | true  | false
            '" 1.2 "'         | 1.2            | true  | false
            "test"            | test           | true  | true
            "TEST"            | TEST           | true  | true
            "1.3"             | 1.3            | false | false
            2                 | 2              | false | false
            "2.0-beta"        | 2.0-beta       | false | false
            null              | -              | false | false
            {"major":1}       | -              | false | false
            <absent>          | -              | false | false
            """)
    void versionStringNumberTestOrUnknownIsParsedAndFlagged(String literal, String schemaVersion, boolean known,
            boolean test) {
        GcmParseResult.Parsed parsed = parsed(baseWith(root -> put(root, "version", literal)));

        assertThat(parsed.knownVersion()).isEqualTo(known);
        assertThat(parsed.alert().schemaVersion()).isEqualTo(schemaVersion);
        assertThat(parsed.alert().testNotification()).isEqualTo(test);
        assertThat(parsed.alert().sourceIncidentId()).isEqualTo("0.nwg9th6llz4w");
    }

    @ParameterizedTest(name = "state {0}")
    @CsvSource(delimiterString = "|", textBlock = """
            # state literal  | raw state    | state
            "open"           | open         | FIRING
            "OPEN"           | OPEN         | FIRING
            "Open"           | Open         | FIRING
            " open "         | open         | FIRING
            "closed"         | closed       | CLEARED
            "CLOSED"         | CLOSED       | CLEARED
            "acknowledged"   | acknowledged | UNKNOWN
            "ACKNOWLEDGED"   | ACKNOWLEDGED | UNKNOWN
            "resolved"       | resolved     | UNKNOWN
            1                | 1            | UNKNOWN
            """)
    void stateIsCaseInsensitiveAndUnknownValuesAreKept(String literal, String rawState, AlertState state) {
        Alert alert = alert(baseWithIncidentField("state", literal));

        assertThat(alert.state()).isEqualTo(state);
        assertThat(alert.rawState()).isEqualTo(rawState);
    }

    @ParameterizedTest(name = "ended_at {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # ended_at literal       | epoch seconds
            null                     | -
            <absent>                 | -
            1746178747               | 1746178747
            "1746178747"             | 1746178747
            1.746178747E9            | 1746178747
            "2025-05-02T09:39:07Z"   | 1746178747
            "null"                   | -
            "NULL"                   | -
            ""                       | -
            0                        | -
            "0"                      | -
            -1                       | -
            99999999999999999999     | -
            "soon"                   | -
            {}                       | -
            []                       | -
            """)
    void endedAtAcceptsNumberNullTextNullAndZero(String literal, Long epochSeconds) {
        Alert alert = alert(baseWithIncidentField("ended_at", literal));

        assertThat(alert.endedAt()).isEqualTo(epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds));
    }

    @ParameterizedTest(name = "started_at {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # started_at literal | epoch seconds
            1756293629           | 1756293629
            "1756293629"         | 1756293629
            0                    | -
            null                 | -
            "null"               | -
            <absent>             | -
            """)
    void startedAtZeroOrMissingIsUnknown(String literal, Long epochSeconds) {
        Alert alert = alert(baseWithIncidentField("started_at", literal));

        assertThat(alert.startedAt()).isEqualTo(epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds));
    }

    @ParameterizedTest(name = "{0} observed {1}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # state   | observed_value literal                                                                                       | observed value                                                                                            | number  | cancelled
            "closed"  | "Incident cancelled because the alert policy condition was deleted or modified while incident was active." | Incident cancelled because the alert policy condition was deleted or modified while incident was active. | -       | true
            "closed"  | "incident CANCELLED by an edit"                                                                              | incident CANCELLED by an edit                                                                             | -       | true
            "open"    | "Incident cancelled because the alert policy condition was deleted or modified while incident was active." | Incident cancelled because the alert policy condition was deleted or modified while incident was active. | -       | false
            "closed"  | "0.835"                                                                                                      | 0.835                                                                                                     | 0.835   | false
            "closed"  | "n/a"                                                                                                        | n/a                                                                                                       | -       | false
            "open"    | 5072.02                                                                                                      | 5072.02                                                                                                   | 5072.02 | false
            "open"    | ""                                                                                                           | -                                                                                                         | -       | false
            "open"    | <absent>                                                                                                     | -                                                                                                         | -       | false
            """)
    void observedValueMayBeTextAndMarksCancellationOnlyWhenClosed(String stateLiteral, String literal,
            String observed, String number, boolean cancelled) {
        Alert alert = alert(baseWith(root -> {
            put(incident(root), "state", stateLiteral);
            put(incident(root), "observed_value", literal);
        }));

        assertThat(alert.observedValue()).isEqualTo(observed);
        assertThat(alert.observedNumber().map(Object::toString).orElse(null)).isEqualTo(number);
        assertThat(alert.cancelled()).isEqualTo(cancelled);
    }

    @ParameterizedTest(name = "threshold {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # threshold_value literal | threshold text | number
            "0"                       | 0              | 0
            0                         | 0              | 0
            "2000"                    | 2000           | 2000
            "0.000001"                | 0.000001       | 0.000001
            "abc"                     | abc            | -
            ""                        | -              | -
            <absent>                  | -              | -
            """)
    void thresholdZeroIsKeptWhileConditionThresholdValueIsAbsent(String literal, String text, String number) {
        Alert alert = alert(baseWith(root -> {
            put(incident(root), "threshold_value", literal);
            // proto3 leaves out a zero thresholdValue
            ((ObjectNode) incident(root).get("condition").get("conditionThreshold")).remove("thresholdValue");
        }));

        assertThat(alert.thresholdValue()).isEqualTo(text);
        assertThat(alert.thresholdNumber().map(Object::toString).orElse(null)).isEqualTo(number);
        assertThat(alert.conditionKind()).isEqualTo(ConditionKind.METRIC_THRESHOLD);
    }

    @ParameterizedTest(name = "severity {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # severity literal       | raw                  | source severity
            "Critical"               | Critical             | CRITICAL
            "critical"               | critical             | CRITICAL
            "CRITICAL"               | CRITICAL             | CRITICAL
            "Error"                  | Error                | ERROR
            "ERROR"                  | ERROR                | ERROR
            "Warning"                | Warning              | WARNING
            "warning"                | warning              | WARNING
            " Warning "              | ' Warning '          | WARNING
            "No severity"            | No severity          | UNSPECIFIED
            "no severity"            | no severity          | UNSPECIFIED
            "SEVERITY_UNSPECIFIED"   | SEVERITY_UNSPECIFIED | UNSPECIFIED
            "Info"                   | Info                 | UNSPECIFIED
            ""                       | -                    | UNSPECIFIED
            null                     | -                    | UNSPECIFIED
            <absent>                 | -                    | UNSPECIFIED
            """)
    void severityCasingVariantsMapToSourceSeverity(String literal, String raw, SourceSeverity expected) {
        Alert alert = alert(baseWithIncidentField("severity", literal));

        assertThat(alert.severityRaw()).isEqualTo(raw);
        assertThat(alert.sourceSeverity()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "scoping_project_number {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # literal              | number
            1099221943211          | 1099221943211
            "1099221943211"        | 1099221943211
            2147483648             | 2147483648
            9223372036854775807    | 9223372036854775807
            9223372036854775808    | -
            1.5                    | -
            "abc"                  | -
            null                   | -
            <absent>               | -
            """)
    void scopingProjectNumberIsSixtyFourBit(String literal, Long number) {
        Alert alert = alert(baseWithIncidentField("scoping_project_number", literal));

        assertThat(alert.scopingProjectNumber()).isEqualTo(number);
    }
}
