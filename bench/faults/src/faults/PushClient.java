package faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Plays Pub/Sub push: publishes a steady stream of distinct notifications (an open per alert, a close for every fourth),
 * delivers each message to one of the instances with a 10 s deadline, redelivers on anything but 2xx with backoff,
 * optionally sends duplicates (the same message id again, or the same content under a new id), and records every message
 * id that was acknowledged.
 */
final class PushClient {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final long BUCKET_MILLIS = 100;

    /** One logical notification: one alert's open or close, possibly published under several message ids. */
    static final class Logical {
        final String sourceIncidentId;
        final boolean closed;
        final String json;
        final Set<String> messageIds = ConcurrentHashMap.newKeySet();

        Logical(String sourceIncidentId, boolean closed, String json) {
            this.sourceIncidentId = sourceIncidentId;
            this.closed = closed;
            this.json = json;
        }

        String key() {
            return sourceIncidentId + "|" + (closed ? "closed" : "open");
        }
    }

    /** One Pub/Sub message delivery, due at a time. */
    private static final class Delivery implements Delayed {
        final String messageId;
        final Logical logical;
        final int instanceHint;
        int attempts;
        long dueNanos;

        Delivery(String messageId, Logical logical, int instanceHint, long dueNanos) {
            this.messageId = messageId;
            this.logical = logical;
            this.instanceHint = instanceHint;
            this.dueNanos = dueNanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Delivery) o).dueNanos);
        }
    }

    private final Notifications notifications;
    private final List<URI> endpoints;
    private final double ratePerSecond;
    private final double duplicateShare;
    private final int concurrency;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final DelayQueue<Delivery> due = new DelayQueue<>();
    private final Map<String, Logical> logicals = new ConcurrentHashMap<>();
    private final Map<String, Logical> acked = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final long startNanos = System.nanoTime();
    private final AtomicLongArray ackBuckets = new AtomicLongArray(20_000);
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong slowestAnswerMillis = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean publishing = true;
    private volatile boolean running = true;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;

    PushClient(Notifications notifications, List<URI> endpoints, double ratePerSecond, double duplicateShare,
            int concurrency) {
        this.notifications = notifications;
        this.endpoints = endpoints;
        this.ratePerSecond = ratePerSecond;
        this.duplicateShare = duplicateShare;
        this.concurrency = concurrency;
    }

    void start() {
        threads.add(new Thread(this::publish, "publisher"));
        for (int i = 0; i < concurrency; i++) {
            threads.add(new Thread(this::deliverLoop, "push-" + i));
        }
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    /** Seconds since the client started. */
    double now() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Stops publishing new notifications; redeliveries go on. */
    void stopPublishing() {
        publishing = false;
    }

    /** Waits until every published message is acknowledged, or the bound passes; then stops all threads. */
    boolean drain(Duration bound) throws InterruptedException {
        giveUpAtNanos = System.nanoTime() + bound.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < giveUpAtNanos) {
            Thread.sleep(100);
        }
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join(DEADLINE.toMillis() + 2_000);
        }
        return outstanding.get() == 0;
    }

    private void publish() {
        long periodNanos = (long) (1e9 / ratePerSecond);
        long next = System.nanoTime();
        int alert = 0;
        int lastClosed = -1;
        while (publishing && running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += periodNanos;
            // every fourth alert closes again eight alerts later, so incidents also get thread replies
            int closeOf = alert - 8;
            Logical logical;
            if (closeOf >= 0 && closeOf % 4 == 0 && closeOf > lastClosed) {
                logical = new Logical(notifications.sourceIncidentId(closeOf), true, notifications.notification(closeOf, true));
                lastClosed = closeOf;
            } else {
                logical = new Logical(notifications.sourceIncidentId(alert), false, notifications.notification(alert, false));
                alert++;
            }
            if (logicals.putIfAbsent(logical.key(), logical) != null) {
                continue;
            }
            int hint = ThreadLocalRandom.current().nextInt(1 << 16);
            enqueue(new Delivery(messageId(), logical, hint, System.nanoTime()));
            if (ThreadLocalRandom.current().nextDouble() < duplicateShare) {
                boolean sameId = ThreadLocalRandom.current().nextBoolean();
                long delay = TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(0, 1_000));
                String id = sameId ? lastMessageId(logical) : messageId();
                enqueue(new Delivery(id, logical, hint + 1, System.nanoTime() + delay));
            }
        }
    }

    private static String lastMessageId(Logical logical) {
        return logical.messageIds.iterator().next();
    }

    private final AtomicLong messageCounter = new AtomicLong();

    private String messageId() {
        return Long.toString(9_000_000_000_000L + messageCounter.incrementAndGet());
    }

    private void enqueue(Delivery d) {
        d.logical.messageIds.add(d.messageId);
        outstanding.incrementAndGet();
        due.add(d);
    }

    private void deliverLoop() {
        while (running) {
            Delivery d;
            try {
                d = due.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (d == null) {
                continue;
            }
            attempt(d);
        }
    }

    private void attempt(Delivery d) {
        d.attempts++;
        URI endpoint = endpoints.get(Math.floorMod(d.instanceHint, endpoints.size()));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(DEADLINE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Notifications.envelope(d.messageId, d.logical.json, d.attempts)))
                .build();
        long sent = System.nanoTime();
        String outcome;
        boolean ok = false;
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            ok = response.statusCode() / 100 == 2;
            outcome = Integer.toString(response.statusCode());
        } catch (HttpTimeoutException e) {
            outcome = "no answer within 10 s";
        } catch (ConnectException e) {
            outcome = "connection refused";
        } catch (IOException e) {
            outcome = "connection error";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        answers.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        if (!outcome.equals("connection refused") && !outcome.equals("interrupted")) {
            slowestAnswerMillis.accumulateAndGet(millis, Math::max);
        }
        if (ok) {
            acked.put(d.messageId, d.logical);
            int bucket = (int) (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) / BUCKET_MILLIS);
            if (bucket < ackBuckets.length()) {
                ackBuckets.incrementAndGet(bucket);
            }
            outstanding.decrementAndGet();
            return;
        }
        // Pub/Sub redelivers with exponential backoff; bounded by the drain deadline
        long backoffMillis = Math.min(8_000, 250L << Math.min(d.attempts, 6));
        backoffMillis = backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1);
        d.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
        if (d.dueNanos > giveUpAtNanos || !running) {
            return;
        }
        due.add(d);
    }

    // ---------------------------------------------------------------- results

    /** Acknowledged message ids and the notification each carried. */
    Map<String, Logical> acked() {
        return acked;
    }

    /** Every notification published. */
    Map<String, Logical> published() {
        return logicals;
    }

    /** Messages published but never acknowledged (bounded retrying gave up). */
    int unacknowledged() {
        return outstanding.get();
    }

    /** Answers by kind (status code or transport failure). */
    Map<String, AtomicLong> answers() {
        return answers;
    }

    /** The slowest answer (of any status) the service gave, in ms. */
    long slowestAnswerMillis() {
        return slowestAnswerMillis.get();
    }

    /** Acknowledgements in [from, to) seconds since start. */
    long acksBetween(double from, double to) {
        int a = (int) Math.max(0, Math.floor(from * 1000 / BUCKET_MILLIS));
        int b = (int) Math.min(ackBuckets.length(), Math.floor(to * 1000 / BUCKET_MILLIS));
        long sum = 0;
        for (int i = a; i < b; i++) {
            sum += ackBuckets.get(i);
        }
        return sum;
    }
}
