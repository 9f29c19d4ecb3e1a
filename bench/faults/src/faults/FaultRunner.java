package faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs the fault trials against processes run.sh prepared (a PostgreSQL cluster and the fake Slack) and prints one line
 * per fault: trials, messages acknowledged, lost, duplicated, recovery time. Exits 1 when a target is missed.
 */
public final class FaultRunner {
    private FaultRunner() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Trial.Settings settings = new Trial.Settings();
        settings.rate = 15;
        settings.duplicates = 0.3;
        int trials = 5;
        List<Fault> faults = new ArrayList<>(Arrays.asList(Fault.values()));
        Path pgBin = null;
        Path pgData = null;
        int pgPort = 0;
        int slackControl = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--fault" -> faults = Arrays.stream(args[++i].split(",")).map(Fault::byLabel).toList();
                case "--rate" -> settings.rate = Double.parseDouble(args[++i]);
                case "--duplicates" -> settings.duplicates = Double.parseDouble(args[++i]);
                case "--keep" -> settings.keep = true;
                case "--jar" -> settings.jar = Path.of(args[++i]);
                case "--work" -> {
                    settings.logDir = Path.of(args[++i]);
                    settings.pidFile = settings.logDir.resolve("pids");
                }
                case "--pg-bin" -> pgBin = Path.of(args[++i]);
                case "--pg-data" -> pgData = Path.of(args[++i]);
                case "--pg-port" -> pgPort = Integer.parseInt(args[++i]);
                case "--slack-port" -> settings.slackApiPort = Integer.parseInt(args[++i]);
                case "--slack-control-port" -> slackControl = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Objects.requireNonNull(settings.jar, "--jar");
        Objects.requireNonNull(settings.logDir, "--work");
        Postgres postgres = new Postgres(Objects.requireNonNull(pgBin, "--pg-bin"), Objects.requireNonNull(pgData, "--pg-data"),
                pgPort);
        SlackFake slack = new SlackFake(slackControl);

        System.out.printf("fault tests: %d trial(s) per fault, %.0f notifications/s, %.0f %% duplicate deliveries%n", trials,
                settings.rate, settings.duplicates * 100);
        List<String> lines = new ArrayList<>();
        boolean allMet = true;
        for (Fault fault : faults) {
            Summary summary = new Summary(fault);
            for (int t = 1; t <= trials; t++) {
                long started = System.nanoTime();
                Trial.Result result;
                try {
                    result = new Trial(settings, postgres, slack, fault, t).run();
                } catch (Exception e) {
                    System.out.printf("  %-10s trial %d: harness error: %s%n", fault.label, t, e);
                    summary.harnessErrors++;
                    continue;
                }
                summary.add(result);
                System.out.printf("  %-10s trial %d: %s (%.0f s)%n", fault.label, t, Summary.describe(result),
                        (System.nanoTime() - started) / 1e9);
                result.findings.problems.forEach(p -> System.out.println("      ! " + p));
            }
            lines.add(summary.line());
            allMet &= summary.targetsMet();
        }
        System.out.println();
        System.out.println("RESULTS (targets: 0 lost, 0 duplicated, throughput >= 90 % within 10 s of the fault's end)");
        lines.forEach(System.out::println);
        System.exit(allMet ? 0 : 1);
    }
}
