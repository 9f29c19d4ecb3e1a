package faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The harness's own PostgreSQL cluster (started by run.sh): stop, start, freeze, thaw, and one database per trial. */
final class Postgres {
    private final Path bin;
    private final Path data;
    private final int port;

    Postgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?connectTimeout=5&socketTimeout=60", "postgres", "");
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
    }

    void dropDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    /** {@code pg_ctl stop -m immediate}: no checkpoint, crash recovery at the next start. */
    void stopImmediate() throws IOException, InterruptedException {
        pgCtl("stop", "-m", "immediate", "-w");
    }

    void start() throws IOException, InterruptedException {
        pgCtl("start", "-w", "-t", "60", "-l", data.resolve("server.log").toString());
    }

    /** SIGSTOP to the postmaster first (so it forks nothing new), then to every one of its children. */
    List<Long> freeze() throws IOException, InterruptedException {
        long postmaster = postmasterPid();
        signal("STOP", List.of(postmaster));
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> pids.add(child.pid())));
        signal("STOP", pids.subList(1, pids.size()));
        return pids;
    }

    /** SIGCONT to the children, then the postmaster. */
    void thaw(List<Long> pids) throws IOException, InterruptedException {
        signal("CONT", pids.subList(1, pids.size()));
        signal("CONT", pids.subList(0, 1));
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(),
                "-D", data.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling("pg_ctl.log").toFile())).start();
        if (p.waitFor() != 0) {
            throw new IOException("pg_ctl " + String.join(" ", args) + " failed (see pg_ctl.log)");
        }
    }
}
