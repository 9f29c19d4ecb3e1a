package dev.firebreak.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Every migration added since the previous release ({@value PreviousRelease#MARKER}) follows the expand/contract rule
 * ({@link ExpandContractRule}), so the previous release keeps working while the new one rolls out. Needs the git
 * history that holds the previous release (CI's clone has it; there a missing one fails).
 */
@EnabledIf("dev.firebreak.compat.PreviousRelease#availableOrCi")
class MigrationsExpandContractTest {
    static final Path DIR = Path.of("db/migrations");

    @Test
    void thePreviousReleaseMarkerNamesACommitOfThisHistory() {
        assertThat(PreviousRelease.inHistory()).as("%s names a commit of this repository's history (%s)",
                PreviousRelease.MARKER, PreviousRelease.sha()).isTrue();
        assertThat(PreviousRelease.migrations()).as("the previous release had migrations").isNotEmpty();
    }

    @Test
    void migrationsNewerThanThePreviousReleaseOnlyExpand() throws IOException {
        List<String> released = PreviousRelease.migrations();
        List<String> newer;
        try (Stream<Path> files = Files.list(DIR)) {
            newer = files.map(p -> p.getFileName().toString()).filter(name -> !released.contains(name)).sorted().toList();
        }
        List<ExpandContractRule.Violation> violations = new ArrayList<>();
        for (String name : newer) {
            violations.addAll(ExpandContractRule.check(name, Files.readString(DIR.resolve(name))));
        }
        System.out.println("[compat] migrations since the previous release: " + (newer.isEmpty() ? "none" : newer));
        assertThat(violations).as("steps that break the previous release during a rolling update; do them one release"
                + " later and mark them '-- contract: <reason>' (docs/upgrade-and-backup.md)").isEmpty();
    }
}
