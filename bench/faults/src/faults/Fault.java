package faults;

/** The injected faults, in the order a full run plays them. */
enum Fault {
    KILL9("kill9", 1, "kill -9 of the service mid-stream, restarted at once"),
    PG_STOP("pg-stop", 1, "PostgreSQL pg_ctl stop -m immediate mid-stream, restarted 2 s later"),
    PG_FREEZE("pg-freeze", 1, "PostgreSQL frozen with SIGSTOP for 20 s, then SIGCONT"),
    INSTANCES2("instances2", 2, "two instances ingesting one stream with duplicate deliveries (no fault)"),
    INSTANCES3("instances3", 3, "three instances ingesting one stream with duplicate deliveries (no fault)"),
    SLACK("slack", 1, "fake Slack answers 429/500 at random (half the 500s after storing), then is down for 30 s");

    final String label;
    final int instances;
    final String description;

    Fault(String label, int instances, String description) {
        this.label = label;
        this.instances = instances;
        this.description = description;
    }

    /** Whether there is a fault end to recover from (the replica runs have none). */
    boolean hasRecovery() {
        return this != INSTANCES2 && this != INSTANCES3;
    }

    /** Whether Slack deliveries are interrupted, so their recovery is measured too. */
    boolean interruptsSlack() {
        return this == SLACK;
    }

    static Fault byLabel(String label) {
        for (Fault f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault " + label + "; known: kill9 pg-stop pg-freeze instances2 instances3 slack");
    }
}
