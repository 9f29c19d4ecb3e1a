package dev.firebreak.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expand/contract rule itself: each destructive step is caught, additive steps pass, and a destructive step passes
 * only with a {@code -- contract: <reason>} mark.
 */
class ExpandContractRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "DROP TABLE quarantine;",
            "drop table if exists quarantine cascade;",
            "ALTER TABLE incident DROP COLUMN summary;",
            "ALTER TABLE incident ADD COLUMN x text, DROP summary;",
            "ALTER TABLE incident DROP COLUMN IF EXISTS y;",
            "ALTER TABLE incident RENAME COLUMN summary TO description;",
            "ALTER TABLE incident RENAME TO incidents;",
            "ALTER INDEX incident_opened_at_idx RENAME TO incident_opened_idx;",
            "ALTER TABLE incident ALTER COLUMN alert_count TYPE bigint;",
            "ALTER TABLE incident ALTER alert_count SET DATA TYPE bigint;",
            "ALTER TABLE incident ALTER COLUMN steps SET NOT NULL;",
            "ALTER TABLE incident ADD COLUMN owner text NOT NULL;",
            "ALTER TABLE incident ADD COLUMN a text, ADD COLUMN owner text NOT NULL REFERENCES team (id);",
            "ALTER TABLE incident ALTER COLUMN status DROP DEFAULT;",
            "DROP INDEX incident_unresolved_grouping_key_uq;",
            "ALTER TABLE source_alert DROP CONSTRAINT source_alert_source_uq;",
            "DROP VIEW open_incidents;",
            "TRUNCATE outbox;",
            "-- contract:\nDROP TABLE quarantine;",
            "-- contract: old\nCREATE TABLE t (id int);\nDROP TABLE quarantine;"
    })
    void destructiveStepsWithoutAMarkAreViolations(String sql) {
        assertThat(ExpandContractRule.check("V1__bad.sql", sql)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE incident_tag (incident_id bigint NOT NULL REFERENCES incident (id), tag text NOT NULL);",
            "ALTER TABLE incident ADD COLUMN owner text;",
            "ALTER TABLE incident ADD COLUMN priority integer NOT NULL DEFAULT 3;",
            "ALTER TABLE incident ALTER COLUMN summary DROP NOT NULL;",
            "ALTER TABLE incident ADD COLUMN IF NOT EXISTS muted boolean NOT NULL DEFAULT false, ADD COLUMN note text;",
            "ALTER TABLE incident ADD CONSTRAINT incident_title_len CHECK (length(title) < 10000) NOT VALID;",
            "CREATE INDEX incident_owner_idx ON incident (owner);",
            "UPDATE incident SET owner = 'team-a' WHERE owner IS NULL;",
            "COMMENT ON COLUMN incident.summary IS 'we will DROP COLUMN summary later; RENAME nothing';",
            "-- The next release will DROP TABLE quarantine and RENAME things.\nCREATE TABLE archive (id bigint);",
            "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN TRUNCATE x; RETURN NEW; END $$ LANGUAGE plpgsql;",
            "-- contract: nothing reads quarantine.raw_size since release 2026-12 (commit abc123)\n"
                    + "ALTER TABLE quarantine DROP COLUMN raw_size;",
            "ALTER TABLE quarantine\n    -- contract: the previous release stopped writing it\n    DROP COLUMN raw_size;"
    })
    void additiveStepsAndMarkedContractStepsPass(String sql) {
        assertThat(ExpandContractRule.check("V1__good.sql", sql)).isEmpty();
    }

    @Test
    void aViolationNamesFileLineRuleAndStatement() {
        String sql = "CREATE TABLE t (id int);\n\nALTER TABLE incident\n    DROP COLUMN summary;\n";
        assertThat(ExpandContractRule.check("V9__x.sql", sql)).singleElement()
                .hasToString("V9__x.sql:3: DROP COLUMN without a '-- contract: <reason>' mark:"
                        + " ALTER TABLE incident DROP COLUMN summary");
    }

    @Test
    void theRuleCatchesTheLandedBackfillThatMadeAColumnMandatory() {
        // V202611240930 added incident.steps, backfilled it and set NOT NULL in one release: the previous release's
        // INSERTs (which did not write steps) would have failed during that rollout. The rule would have said so.
        String sql = "ALTER TABLE incident ADD COLUMN steps jsonb;\nUPDATE incident SET steps = '[]';\n"
                + "ALTER TABLE incident ALTER COLUMN steps SET NOT NULL;\n";
        assertThat(ExpandContractRule.check("V202611240930__response_workflow.sql", sql))
                .extracting(ExpandContractRule.Violation::line)
                .containsExactly(3);
    }
}
