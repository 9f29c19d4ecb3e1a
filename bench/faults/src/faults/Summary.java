package faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Adds up one fault's trials into its printed line, and judges it against the targets. */
final class Summary {
    static final double RECOVERY_TARGET = 10;

    private final Fault fault;
    private int trials;
    int harnessErrors;
    private long acked;
    private long lost;
    private long duplicated;
    private long unacked;
    private long outboxLeft;
    private long slackMissing;
    private long slackDuplicated;
    private long digestDuplicated;
    private long noAnswer;
    private long wrongStatus;
    private long slowestAnswerMillis;
    private final List<Double> recoveries = new ArrayList<>();
    private int notRecovered;
    private final List<Double> slackRecoveries = new ArrayList<>();
    private int slackNotRecovered;
    private final List<Double> restarts = new ArrayList<>();

    Summary(Fault fault) {
        this.fault = fault;
    }

    void add(Trial.Result r) {
        Verifier.Findings f = r.findings;
        trials++;
        acked += f.acked;
        lost += f.lost;
        duplicated += f.duplicated + f.slackDuplicated;
        unacked += f.unacked;
        outboxLeft += f.outboxLeft + f.outboxFailed;
        slackMissing += f.slackMissing;
        slackDuplicated += f.slackDuplicated;
        digestDuplicated += f.digestDuplicated;
        noAnswer += r.noAnswerWithinDeadline;
        wrongStatus += r.wrongStatus;
        slowestAnswerMillis = Math.max(slowestAnswerMillis, r.slowestAnswerMillis);
        if (r.recovery == null) {
            notRecovered++;
        } else if (!r.recovery.isNaN()) {
            recoveries.add(r.recovery);
        }
        if (!Double.isNaN(r.restartSeconds)) {
            restarts.add(r.restartSeconds);
        }
        if (r.slackRecovery == null) {
            slackNotRecovered++;
        } else if (!r.slackRecovery.isNaN()) {
            slackRecoveries.add(r.slackRecovery);
        }
    }

    boolean targetsMet() {
        return harnessErrors == 0 && trials > 0 && lost == 0 && duplicated == 0 && unacked == 0 && outboxLeft == 0
                && slackMissing == 0 && noAnswer == 0 && wrongStatus == 0 && notRecovered == 0
                && recoveries.stream().allMatch(r -> r <= RECOVERY_TARGET);
    }

    String line() {
        return String.format("%-10s trials=%d acknowledged=%d lost=%d duplicated=%d recovery=%s | unacked=%d"
                + " outbox_left=%d slack_missing=%d slack_dup=%d digest_dup=%d no_answer_10s=%d wrong_status=%d"
                + " slowest_answer=%.1fs%s%s  %s",
                fault.label, trials, acked, lost, duplicated, recovery(recoveries, notRecovered), unacked, outboxLeft, slackMissing,
                slackDuplicated, digestDuplicated, noAnswer, wrongStatus, slowestAnswerMillis / 1000.0,
                (fault.interruptsSlack() ? " slack_recovery=" + recovery(slackRecoveries, slackNotRecovered) : "")
                        + (restarts.isEmpty() ? "" : String.format(" restart_to_http=max_%.1fs",
                                restarts.stream().mapToDouble(Double::doubleValue).max().orElse(0))),
                harnessErrors > 0 ? " harness_errors=" + harnessErrors : "", targetsMet() ? "OK" : "MISSED");
    }

    private String recovery(List<Double> values, int never) {
        if (!fault.hasRecovery()) {
            return "n/a";
        }
        if (values.isEmpty()) {
            return "never";
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        long within = sorted.stream().filter(r -> r <= RECOVERY_TARGET).count();
        return String.format("median_%.1fs_max_%.1fs_(%d/%d_within_10s%s)", sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1), within, values.size() + never, never > 0 ? ",_" + never + "_never" : "");
    }

    private static String seconds(Double value) {
        return value == null ? "never" : value.isNaN() ? "n/a" : String.format("%.1fs", value);
    }

    static String describe(Trial.Result r) {
        Verifier.Findings f = r.findings;
        String recovery = seconds(r.recovery)
                + (Double.isNaN(r.restartSeconds) ? "" : String.format(" restart_to_http=%.1fs", r.restartSeconds)) + (r.slackRecovery != null && r.slackRecovery.isNaN() ? "" : " slack_recovery=" + seconds(r.slackRecovery));
        String injected = String.format("429=%d 500=%d ghost500=%d lookups=%d down=%d digests=%d",
                r.slackStats.getOrDefault("injected429", 0L), r.slackStats.getOrDefault("injected500", 0L),
                r.slackStats.getOrDefault("ghost500", 0L),
                r.slackStats.getOrDefault("history", 0L) + r.slackStats.getOrDefault("replies", 0L),
                r.slackStats.getOrDefault("downPeriods", 0L), r.slackStats.getOrDefault("digestKeys", 0L));
        return String.format("acked=%d lost=%d dup=%d unacked=%d incidents=%d slack_posts=%d slack_missing=%d slack_dup=%d"
                + " outbox_left=%d pre_rate=%.1f/s slack_pre_rate=%.1f/s recovery=%s slowest=%.1fs answers=%s slack_faults={%s} phases=%s",
                f.acked, f.lost, f.duplicated, f.unacked, f.incidents, f.slackPosts, f.slackMissing, f.slackDuplicated,
                f.outboxLeft + f.outboxFailed, r.preRate, r.slackPreRate, recovery, r.slowestAnswerMillis / 1000.0, r.answers, injected,
                r.phases);
    }
}
