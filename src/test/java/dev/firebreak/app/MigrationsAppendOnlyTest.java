package dev.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Migrations in {@code db/migrations} are append-only: a landed file is never edited, renamed or deleted, and a new
 * file always sorts after every file that landed before it. Checked against git history, like GoAlert's
 * validate-migrations.
 */
class MigrationsAppendOnlyTest {
    static final Path DIR = Path.of("db/migrations");
    static final Pattern NAME = Pattern.compile("V(\\d{12})__[a-z0-9_]+\\.sql");

    @Test
    void everyMigrationIsNamedWithATimestampVersion() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name).matches(NAME));
        }
    }

    @Test
    void landedMigrationsAreNeverModifiedRenamedOrDeleted() {
        assumeThat(Files.isDirectory(Path.of(".git")) || Files.isRegularFile(Path.of(".git"))).as("a git checkout").isTrue();
        String changed = git("log", "--format=%h %s", "--diff-filter=MDR", "--", DIR.toString());
        assertThat(changed).as("commits that edited, renamed or deleted a landed migration"
                + " (make the fix in a new migration instead)").isBlank();
        String uncommitted = git("diff", "--name-only", "--diff-filter=MDR", "HEAD", "--", DIR.toString());
        assertThat(uncommitted).as("uncommitted edits to committed migrations").isBlank();
    }

    @Test
    void eachNewMigrationSortsAfterEveryEarlierOne() {
        assumeThat(Files.isDirectory(Path.of(".git")) || Files.isRegularFile(Path.of(".git"))).as("a git checkout").isTrue();
        TreeSet<String> landed = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        List<String> roots = lines(git("rev-list", "--max-parents=0", "HEAD"));
        for (String commit : lines(git("log", "--reverse", "--first-parent", "--format=%H", "--", DIR.toString()))) {
            List<String> paths = roots.contains(commit)
                    ? lines(git("ls-tree", "--name-only", commit, DIR + "/"))
                    : lines(git("diff", "--name-only", "--diff-filter=A", commit + "^", commit, "--", DIR.toString()));
            List<String> added = paths.stream().map(p -> Path.of(p).getFileName().toString()).sorted().toList();
            for (String name : added) {
                if (!landed.isEmpty() && name.compareTo(landed.last()) < 0) {
                    violations.add(name + " sorts before " + landed.last() + " (added in " + commit.substring(0, 8) + ")");
                }
            }
            landed.addAll(added);
        }
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString()).filter(name -> !landed.contains(name)).sorted().forEach(name -> {
                if (!landed.isEmpty() && name.compareTo(landed.last()) < 0) {
                    violations.add(name + " (not committed yet) sorts before " + landed.last());
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(violations).as("new migrations must sort after every landed one").isEmpty();
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
