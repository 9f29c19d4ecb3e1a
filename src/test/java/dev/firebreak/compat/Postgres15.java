package dev.firebreak.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.firebreak.testsupport.FreePorts;

/**
 * A throwaway PostgreSQL 15 cluster from the Debian packages ({@code postgresql-15}, {@code postgresql-client-15}):
 * its {@code pg_dump}/{@code pg_restore} match the server, which the embedded PostgreSQL 17 of the other tests does
 * not ship. Loopback only, trust authentication, a fresh temp folder; runs as the {@code postgres} OS user when the
 * tests run as root (initdb refuses root), like {@code bench/lib/postgres.sh}. {@code .ci/run} installs the packages.
 */
final class Postgres15 implements AutoCloseable {
    /** Where the binaries are; {@code FIREBREAK_PG15_BIN} overrides. */
    static final Path BIN = Path.of(System.getenv().getOrDefault("FIREBREAK_PG15_BIN", "/usr/lib/postgresql/15/bin"));
    static final String USER = "postgres";
    private static final List<String> TOOLS = List.of("initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore", "psql");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final int port;
    private boolean running;

    private Postgres15(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The binaries this class needs, or what is missing. */
    static List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : TOOLS) {
            if (!Files.isExecutable(BIN.resolve(tool))) {
                missing.add(BIN.resolve(tool).toString());
            }
        }
        return missing;
    }

    /**
     * For {@code @EnabledIf}: true when the tools are there, and always in CI, where the test then fails at start-up
     * with the reason instead of being skipped.
     */
    static boolean availableOrCi() {
        return missingTools().isEmpty() || Commands.inCi();
    }

    /** initdb into a new temp folder and start the server on a free loopback port. */
    static Postgres15 start() {
        List<String> missing = missingTools();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("PostgreSQL 15 server and client tools are missing (" + missing
                    + "): apt-get install postgresql-15 postgresql-client-15 (.ci/run does)");
        }
        try {
            Path dir = Files.createTempDirectory("firebreak-pg15-");
            asRootGiveToPostgres(dir);
            Postgres15 pg = new Postgres15(dir, FreePorts.find());
            pg.initAndStart();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the PostgreSQL 15 folder", e);
        }
    }

    private void initAndStart() throws IOException {
        Path data = dir.resolve("data");
        asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync");
        Path conf = data.resolve("postgresql.conf");
        String settings = "\nlisten_addresses = '127.0.0.1'\nport = " + port + "\nunix_socket_directories = '" + dir
                + "'\nmax_connections = 100\nfsync = on\nsynchronous_commit = on\nlogging_collector = off\n";
        Files.writeString(conf, Files.readString(conf) + settings);
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "start");
        running = true;
    }

    /** JDBC URL of {@code database} (user {@value #USER}, no password). */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Creates an empty database. */
    void createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + name);
    }

    /** Drops a database, disconnecting whoever is connected to it. */
    void dropDatabase(String name) {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs one statement in {@code database}. */
    void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** {@code pg_dump -Fc} of {@code database} into {@code file}, as an operator would run it. */
    void dump(String database, Path file) {
        Commands.run(null, Map.of(), TIMEOUT, List.of(BIN.resolve("pg_dump").toString(), "-Fc", "-h", "127.0.0.1",
                "-p", Integer.toString(port), "-U", USER, "-f", file.toString(), database));
    }

    /** {@code pg_restore --no-owner} of {@code file} into the existing (empty) {@code database}. */
    void restore(Path file, String database) {
        Commands.run(null, Map.of(), TIMEOUT, List.of(BIN.resolve("pg_restore").toString(), "--no-owner",
                "--exit-on-error", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d", database,
                file.toString()));
    }

    /** Runs a psql script file against {@code database} with psql variables, stopping at the first error. */
    void psqlFile(String database, Path script, Map<String, String> variables) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("psql").toString(), "-X", "-q", "-v",
                "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d", database));
        variables.forEach((name, value) -> command.addAll(List.of("-v", name + "=" + value)));
        command.addAll(List.of("-f", script.toString()));
        Commands.run(null, Map.of(), TIMEOUT, command);
    }

    /** Stops the server and deletes its folder. */
    @Override
    public void close() {
        try {
            if (running) {
                running = false;
                asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                        "-t", "30", "stop");
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void asRootGiveToPostgres(Path dir) {
        if (root()) {
            Commands.run(TIMEOUT, "chown", USER + ":", dir.toString());
        }
    }

    private static void asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        Commands.run(null, Map.of(), TIMEOUT, full);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
