package faults;

import java.util.ArrayList;
import java.util.List;

/** Samples the fake Slack's post counter every 200 ms, so Slack throughput can be read per time window. */
final class SlackSampler {
    private final SlackFake slack;
    private final List<double[]> samples = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;

    SlackSampler(SlackFake slack) {
        this.slack = slack;
    }

    void start(PushClient clock) {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    long posts = slack.stats().getOrDefault("posts", 0L);
                    synchronized (samples) {
                        samples.add(new double[]{clock.now(), posts});
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the control port stays up even while the API is down; a missed sample is harmless
                }
            }
        }, "slack-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(2_000);
        }
    }

    double lastSample() {
        synchronized (samples) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[0];
        }
    }

    /** Posts between the samples nearest to {@code from} and {@code to}. */
    long postsBetween(double from, double to) {
        return (long) (at(to) - at(from));
    }

    private double at(double time) {
        synchronized (samples) {
            double value = 0;
            for (double[] s : samples) {
                if (s[0] > time) {
                    break;
                }
                value = s[1];
            }
            return value;
        }
    }
}
