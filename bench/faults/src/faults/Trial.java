package faults;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One trial: a fresh database and fake Slack, the instances started, a steady stream, the fault injected after a
 * measured pre-fault window, then the stream stops, redeliveries drain, the outbox drains, and everything is checked.
 */
final class Trial {
    static final double WARM_UP = 2;
    /** Slack deliveries reach their steady pace only after some seconds (JIT on a busy 2-core machine). */
    static final double SLACK_WARM_UP = 15;
    static final double PRE_FAULT = 5;
    static final double POST_FAULT = 15;

    /** One trial's findings plus its timing. */
    static final class Result {
        Verifier.Findings findings;
        /** Seconds from the fault's end until throughput was back to 90 % of the pre-fault rate; null: never, NaN: n/a. */
        Double recovery;
        double preRate;
        /** Like {@link #recovery}, for Slack posts (faults that interrupt Slack only). */
        Double slackRecovery;
        double slackPreRate;
        long slowestAnswerMillis;
        /** kill9: seconds from the restart until the new process answered HTTP. */
        double restartSeconds = Double.NaN;
        long noAnswerWithinDeadline;
        /** Answers other than 2xx and 503 (the push contract allows nothing else for a valid message). */
        long wrongStatus;
        Map<String, Long> slackStats = new HashMap<>();
        Map<String, Long> answers = new HashMap<>();
        /** Seconds spent per phase, for the progress line. */
        Map<String, Double> phases = new LinkedHashMap<>();
    }

    private final Settings settings;
    private final Postgres postgres;
    private final SlackFake slack;
    private final Fault fault;
    private final int number;

    Trial(Settings settings, Postgres postgres, SlackFake slack, Fault fault, int number) {
        this.settings = settings;
        this.postgres = postgres;
        this.slack = slack;
        this.fault = fault;
        this.number = number;
    }

    Result run() throws Exception {
        String database = "ft_" + fault.label.replace('-', '_') + "_" + number;
        postgres.createDatabase(database);
        slack.reset();
        List<Firebreak> instances = new ArrayList<>();
        for (int i = 0; i < fault.instances; i++) {
            instances.add(new Firebreak(settings.jar, settings.logDir, settings.pidFile, settings.env(postgres.jdbcUrl(database)),
                    fault.label + "-t" + number + "-i" + i));
        }
        Result result = new Result();
        SlackSampler sampler = new SlackSampler(slack);
        long phase = System.nanoTime();
        try {
            for (Firebreak f : instances) {
                f.start();
            }
            for (Firebreak f : instances) {
                if (!f.awaitReady(Duration.ofSeconds(120))) {
                    throw new IllegalStateException("instance did not start; see " + settings.logDir);
                }
            }
            phase = lap(result, "start", phase);
            List<URI> uris = instances.stream().map(Firebreak::pushUri).toList();
            String run = fault.label.replace("-", "") + number + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
            PushClient client = new PushClient(new Notifications(run), uris, settings.rate, settings.duplicates, 16);
            sampler.start(client);
            client.start();
            sleep((fault.interruptsSlack() ? SLACK_WARM_UP : WARM_UP) + PRE_FAULT);
            double faultStart = client.now();
            double faultEnd = inject(instances, client, result);
            sleep(POST_FAULT);
            double publishEnd = client.now();
            client.stopPublishing();
            phase = lap(result, "stream", phase);
            client.drain(Duration.ofSeconds(45));
            phase = lap(result, "redeliveries", phase);
            new Verifier(postgres, slack).awaitOutboxDrained(database, Duration.ofSeconds(120));
            phase = lap(result, "outbox", phase);
            sampler.stop();
            result.findings = new Verifier(postgres, slack).verify(database, client);
            phase = lap(result, "verify", phase);
            measureRecovery(result, client, sampler, faultStart, faultEnd, publishEnd);
            client.answers().forEach((k, v) -> result.answers.put(k, v.get()));
            result.slowestAnswerMillis = client.slowestAnswerMillis();
            result.noAnswerWithinDeadline = result.answers.getOrDefault("no answer within 10 s", 0L);
            result.answers.forEach((answer, count) -> {
                if (answer.matches("[0-9]+") && !answer.startsWith("2") && !answer.equals("503")) {
                    result.wrongStatus += count;
                }
            });
            result.slackStats = slack.stats();
        } finally {
            sampler.stop();
            for (Firebreak f : instances) {
                f.stop();
            }
            lap(result, "stop", phase);
        }
        if (result.findings.clean() && !settings.keep) {
            postgres.dropDatabase(database);
        }
        return result;
    }

    private static long lap(Result result, String name, long since) {
        long now = System.nanoTime();
        result.phases.put(name, Math.round((now - since) / 1e8) / 10.0);
        return now;
    }

    /** Injects the fault; returns when it ended, in client seconds. */
    private double inject(List<Firebreak> instances, PushClient client, Result result) throws Exception {
        switch (fault) {
            case KILL9 -> {
                instances.get(0).kill9();
                double end = client.now();
                instances.get(0).start();
                instances.get(0).awaitReady(Duration.ofSeconds(60));
                result.restartSeconds = client.now() - end;
                return end;
            }
            case PG_STOP -> {
                postgres.stopImmediate();
                sleep(2);
                postgres.start();
                return client.now();
            }
            case PG_FREEZE -> {
                List<Long> frozen = postgres.freeze();
                try {
                    sleep(20);
                } finally {
                    postgres.thaw(frozen);
                }
                return client.now();
            }
            case INSTANCES2, INSTANCES3 -> {
                sleep(10);
                return client.now();
            }
            case SLACK -> {
                slack.control("rate429=0.2&rate500=0.2&ghost=0.5&retryAfter=1");
                sleep(10);
                slack.control("down=30");
                sleep(30.3);
                slack.control("rate429=0&rate500=0");
                return client.now();
            }
            default -> throw new IllegalStateException();
        }
    }

    private void measureRecovery(Result result, PushClient client, SlackSampler sampler, double faultStart,
            double faultEnd, double publishEnd) {
        double preFrom = faultStart - PRE_FAULT;
        result.preRate = client.acksBetween(preFrom, faultStart) / PRE_FAULT;
        result.recovery = fault.hasRecovery()
                ? firstWindowAtRate(client::acksBetween, result.preRate, faultEnd, publishEnd)
                : Double.valueOf(Double.NaN);
        result.slackPreRate = sampler.postsBetween(preFrom, faultStart) / PRE_FAULT;
        result.slackRecovery = fault.interruptsSlack()
                ? firstWindowAtRate(sampler::postsBetween, result.slackPreRate, faultEnd, sampler.lastSample())
                : Double.valueOf(Double.NaN);
        writeSeries(client, sampler, faultStart, faultEnd);
    }

    /** Acknowledgements and Slack posts per second, for looking at a trial afterwards. */
    private void writeSeries(PushClient client, SlackSampler sampler, double faultStart, double faultEnd) {
        StringBuilder csv = new StringBuilder("# fault from " + String.format("%.1f", faultStart) + " s to "
                + String.format("%.1f", faultEnd) + " s\nsecond,acks,slack_posts\n");
        for (int t = 0; t < (int) sampler.lastSample(); t++) {
            csv.append(t).append(',').append(client.acksBetween(t, t + 1)).append(',').append(sampler.postsBetween(t, t + 1))
                    .append('\n');
        }
        try {
            Files.writeString(settings.logDir.resolve(fault.label + "-t" + number + "-series.csv"), csv);
        } catch (IOException e) {
            System.err.println("could not write the series: " + e.getMessage());
        }
    }

    /** The first 1 s window from {@code from} on with at least 90 % of {@code rate}, as seconds after {@code from}. */
    static Double firstWindowAtRate(Counter counter, double rate, double from, double until) {
        for (double t = from; t + 1 <= until; t += 0.1) {
            if (counter.between(t, t + 1) >= 0.9 * rate) {
                return t - from;
            }
        }
        return null;
    }

    /** Counts events in a time window. */
    @FunctionalInterface
    interface Counter {
        long between(double from, double to);
    }

    static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    /** The harness settings a trial needs. */
    static final class Settings {
        Path jar;
        Path logDir;
        Path pidFile;
        int slackApiPort;
        double rate;
        double duplicates;
        boolean keep;

        Map<String, String> env(String jdbcUrl) {
            Map<String, String> env = new HashMap<>();
            env.put("FIREBREAK_DB_URL", jdbcUrl);
            env.put("FIREBREAK_DB_USER", "postgres");
            env.put("FIREBREAK_DB_PASSWORD", "unused");
            env.put("FIREBREAK_PUSH_AUTH", "none");
            env.put("FIREBREAK_API_AUTH", "none");
            env.put("FIREBREAK_SLACK_BOT_TOKEN", "xoxb-fake");
            env.put("FIREBREAK_SLACK_API_URL", "http://127.0.0.1:" + slackApiPort + "/api/");
            env.put("FIREBREAK_SLACK_CHANNELS_CRITICAL", "#alerts");
            env.put("FIREBREAK_SLACK_CHANNELS_WARNING", "#alerts");
            // fast enough that the outbox keeps up with the stream and drains in seconds, not hours
            env.put("FIREBREAK_SLACK_CHANNEL_INTERVAL", "0.02s");
            env.put("FIREBREAK_SLACK_TIMEOUT", "5s");
            env.put("FIREBREAK_NOTIFY_POLL_INTERVAL", "0.2s");
            env.put("FIREBREAK_NOTIFY_BATCH_SIZE", "100");
            // a killed instance's leases expire in 20 s (default 60 s) and retries wait at most 10 s (default 5 min),
            // so a trial's outbox drains within its time bound
            env.put("FIREBREAK_NOTIFY_LEASE", "20s");
            env.put("FIREBREAK_NOTIFY_BACKOFF_MAX", "10s");
            return env;
        }
    }
}
