package dev.firebreak.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: in the {@code local} profile without a configured database, starts the embedded PostgreSQL first.
 */
@QuarkusMain
public class FirebreakMain {
    public static void main(String... args) {
        LocalDatabase.startIfNeeded();
        LocalDatabase.requireConfiguredDatabase();
        Quarkus.run(args);
    }
}
