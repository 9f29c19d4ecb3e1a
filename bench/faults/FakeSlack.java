// A standalone fake of the Slack Web API for the fault tests: chat.postMessage, chat.update, conversations.history and
// conversations.replies (with message metadata), counting every post by its metadata delivery_key so duplicates show.
// Usage: java bench/faults/FakeSlack.java API_PORT [CONTROL_PORT]   (CONTROL_PORT defaults to API_PORT + 1)
// Control (on CONTROL_PORT, loopback only):
//   GET /control?rate429=0.1&rate500=0.1&ghost=0.5&retryAfter=1   random failures; ghost = share of the 500s answered
//                                                                  AFTER the message was stored (an unknown outcome)
//   GET /control?down=30        the API port refuses connections for 30 s
//   GET /reset                  forget all messages, counters and failure settings
//   GET /stats                  one JSON object of counters
//   GET /keys                   one line per delivery key: "key<TAB>times posted"
// Only the JDK is needed.

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

public class FakeSlack {
    private static final Pattern DELIVERY_KEY = Pattern.compile("\"delivery_key\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern EVENT_TYPE = Pattern.compile("\"event_type\"\\s*:\\s*\"([^\"]*)\"");

    /** One stored message; ts is unique across the fake. */
    record Msg(String channel, String ts, String threadTs, String text, String eventType, String deliveryKey) {
        boolean topLevel() {
            return threadTs == null || threadTs.equals(ts);
        }
    }

    private final Object lock = new Object();
    private final List<Msg> messages = new ArrayList<>();
    private final Map<String, Integer> postsByKey = new TreeMap<>();
    private final Map<String, AtomicLong> counters = new LinkedHashMap<>();
    private long lastMicros;
    private volatile double rate429;
    private volatile double rate500;
    private volatile double ghost;
    private volatile int retryAfter = 1;
    private volatile long downUntil;

    private final int apiPort;
    private HttpServer api;

    FakeSlack(int apiPort) {
        this.apiPort = apiPort;
        for (String name : List.of("posts", "updates", "history", "replies", "injected429", "injected500", "ghost500",
                "downPeriods")) {
            counters.put(name, new AtomicLong());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java FakeSlack.java API_PORT [CONTROL_PORT]");
            System.exit(2);
        }
        int apiPort = Integer.parseInt(args[0]);
        int controlPort = args.length > 1 ? Integer.parseInt(args[1]) : apiPort + 1;
        FakeSlack fake = new FakeSlack(apiPort);
        fake.startApi();
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort), 64);
        control.createContext("/", fake::control);
        control.setExecutor(Executors.newFixedThreadPool(2));
        control.start();
        System.out.println("fake Slack API on 127.0.0.1:" + apiPort + ", control on 127.0.0.1:" + controlPort);
    }

    private void startApi() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), apiPort), 256);
                server.createContext("/", this::api);
                server.setExecutor(Executors.newFixedThreadPool(8));
                server.start();
                api = server;
                return;
            } catch (IOException e) {
                last = e;
                sleep(100);
            }
        }
        throw last;
    }

    private void goDown(int seconds) {
        synchronized (this) {
            if (api == null) {
                return;
            }
            counters.get("downPeriods").incrementAndGet();
            downUntil = System.currentTimeMillis() + seconds * 1000L;
            api.stop(0);
            api = null;
        }
        Thread up = new Thread(() -> {
            sleep(seconds * 1000L);
            synchronized (this) {
                try {
                    startApi();
                } catch (IOException e) {
                    System.err.println("could not come back up: " + e);
                }
                downUntil = 0;
            }
        }, "come-back-up");
        up.setDaemon(true);
        up.start();
    }

    // ---------------------------------------------------------------- Web API

    private void api(HttpExchange ex) throws IOException {
        try {
            Map<String, String> p = params(ex);
            String method = ex.getRequestURI().getPath().replaceFirst("^.*/", "");
            double dice = ThreadLocalRandom.current().nextDouble();
            if (dice < rate429) {
                counters.get("injected429").incrementAndGet();
                ex.getResponseHeaders().add("Retry-After", Integer.toString(retryAfter));
                send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
                return;
            }
            boolean fail500 = dice < rate429 + rate500;
            boolean ghostPost = fail500 && method.equals("chat.postMessage")
                    && ThreadLocalRandom.current().nextDouble() < ghost;
            if (fail500 && !ghostPost) {
                counters.get("injected500").incrementAndGet();
                send(ex, 500, "{\"ok\":false,\"error\":\"internal_error\"}");
                return;
            }
            String body = switch (method) {
                case "chat.postMessage" -> post(p);
                case "chat.update" -> update(p);
                case "conversations.history" -> history(p);
                case "conversations.replies" -> replies(p);
                case "auth.test" -> "{\"ok\":true,\"user_id\":\"UFAKE\",\"team_id\":\"TFAKE\"}";
                default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
            };
            if (ghostPost) {
                System.out.println("ghost 500 after storing " + p.get("channel") + " thread=" + p.get("thread_ts") + " "
                        + find(DELIVERY_KEY, p.getOrDefault("metadata", "")) + " -> " + body);
                counters.get("ghost500").incrementAndGet();
                send(ex, 500, "{\"ok\":false,\"error\":\"internal_error\"}");
                return;
            }
            send(ex, 200, body);
        } catch (RuntimeException e) {
            send(ex, 500, "{\"ok\":false,\"error\":\"fake_failed\",\"detail\":" + quote(String.valueOf(e)) + "}");
        }
    }

    private String post(Map<String, String> p) {
        String channel = channelId(p.get("channel"));
        if (channel == null) {
            return "{\"ok\":false,\"error\":\"channel_not_found\"}";
        }
        String metadata = p.getOrDefault("metadata", "");
        String key = find(DELIVERY_KEY, metadata);
        String eventType = find(EVENT_TYPE, metadata);
        Msg msg;
        synchronized (lock) {
            String ts = nextTs();
            String thread = blankToNull(p.get("thread_ts"));
            msg = new Msg(channel, ts, thread, p.getOrDefault("text", ""), eventType, key);
            messages.add(msg);
            postsByKey.merge(key == null ? "(no key)" : key, 1, Integer::sum);
        }
        counters.get("posts").incrementAndGet();
        return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + msg.ts() + "\",\"message\":" + json(msg, true) + "}";
    }

    private String update(Map<String, String> p) {
        String channel = channelId(p.get("channel"));
        String ts = p.get("ts");
        synchronized (lock) {
            for (Msg m : messages) {
                if (m.channel().equals(channel) && m.ts().equals(ts)) {
                    counters.get("updates").incrementAndGet();
                    return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}";
                }
            }
        }
        return "{\"ok\":false,\"error\":\"message_not_found\"}";
    }

    /** Top-level messages, newest first, after {@code oldest}, at most {@code limit}, as Slack pages them. */
    private String history(Map<String, String> p) {
        counters.get("history").incrementAndGet();
        String channel = channelId(p.get("channel"));
        boolean withMetadata = flag(p.get("include_all_metadata"));
        List<Msg> selected = new ArrayList<>();
        synchronized (lock) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                Msg m = messages.get(i);
                if (m.channel().equals(channel) && m.topLevel() && after(m.ts(), p.get("oldest"))) {
                    selected.add(m);
                }
            }
        }
        return page(selected, p, withMetadata);
    }

    /** The thread's parent, then its replies oldest first, after {@code oldest}, at most {@code limit}. */
    private String replies(Map<String, String> p) {
        counters.get("replies").incrementAndGet();
        String channel = channelId(p.get("channel"));
        String thread = p.get("ts");
        boolean withMetadata = flag(p.get("include_all_metadata"));
        List<Msg> selected = new ArrayList<>();
        synchronized (lock) {
            for (Msg m : messages) {
                if (!m.channel().equals(channel)) {
                    continue;
                }
                if (m.ts().equals(thread)) {
                    selected.add(0, m);
                } else if (thread.equals(m.threadTs()) && after(m.ts(), p.get("oldest"))) {
                    selected.add(m);
                }
            }
        }
        if (selected.isEmpty()) {
            return "{\"ok\":false,\"error\":\"thread_not_found\"}";
        }
        return page(selected, p, withMetadata);
    }

    private String page(List<Msg> selected, Map<String, String> p, boolean withMetadata) {
        int limit = p.containsKey("limit") ? Math.max(1, Math.min(1000, Integer.parseInt(p.get("limit")))) : 100;
        int from = p.containsKey("cursor") && !p.get("cursor").isBlank() ? Integer.parseInt(p.get("cursor")) : 0;
        int to = Math.min(selected.size(), from + limit);
        StringBuilder out = new StringBuilder("{\"ok\":true,\"messages\":[");
        for (int i = from; i < to; i++) {
            out.append(i > from ? "," : "").append(json(selected.get(i), withMetadata));
        }
        boolean more = to < selected.size();
        out.append("],\"has_more\":").append(more);
        out.append(",\"response_metadata\":{\"next_cursor\":\"").append(more ? Integer.toString(to) : "").append("\"}}");
        return out.toString();
    }

    private static String json(Msg m, boolean withMetadata) {
        StringBuilder out = new StringBuilder("{\"type\":\"message\",\"user\":\"UFAKE\",\"bot_id\":\"BFAKE\",\"ts\":\"")
                .append(m.ts()).append("\",\"text\":").append(quote(m.text()));
        if (m.threadTs() != null) {
            out.append(",\"thread_ts\":\"").append(m.threadTs()).append('"');
        }
        if (withMetadata && m.deliveryKey() != null) {
            out.append(",\"metadata\":{\"event_type\":").append(quote(m.eventType())).append(",\"event_payload\":{\"delivery_key\":")
                    .append(quote(m.deliveryKey())).append("}}");
        }
        return out.append('}').toString();
    }

    // ---------------------------------------------------------------- control

    private void control(HttpExchange ex) throws IOException {
        Map<String, String> p = params(ex);
        switch (ex.getRequestURI().getPath()) {
            case "/control" -> {
                rate429 = Double.parseDouble(p.getOrDefault("rate429", Double.toString(rate429)));
                rate500 = Double.parseDouble(p.getOrDefault("rate500", Double.toString(rate500)));
                ghost = Double.parseDouble(p.getOrDefault("ghost", Double.toString(ghost)));
                retryAfter = Integer.parseInt(p.getOrDefault("retryAfter", Integer.toString(retryAfter)));
                if (p.containsKey("down")) {
                    goDown(Integer.parseInt(p.get("down")));
                }
                send(ex, 200, stats());
            }
            case "/reset" -> {
                synchronized (lock) {
                    messages.clear();
                    postsByKey.clear();
                }
                counters.values().forEach(c -> c.set(0));
                rate429 = 0;
                rate500 = 0;
                ghost = 0;
                send(ex, 200, stats());
            }
            case "/stats" -> send(ex, 200, stats());
            case "/keys" -> {
                StringBuilder out = new StringBuilder();
                synchronized (lock) {
                    postsByKey.forEach((k, v) -> out.append(k).append('\t').append(v).append('\n'));
                }
                send(ex, 200, out.toString());
            }
            default -> send(ex, 404, "{\"error\":\"not found\"}");
        }
    }

    private String stats() {
        Map<String, Long> kinds = new HashMap<>();
        long duplicatePosts = 0;
        long duplicateKeys = 0;
        synchronized (lock) {
            for (Map.Entry<String, Integer> e : postsByKey.entrySet()) {
                String kind = e.getKey().contains(":") ? e.getKey().substring(0, e.getKey().indexOf(':')) : "other";
                kinds.merge(kind + "Keys", 1L, Long::sum);
                kinds.merge(kind + "Posts", (long) e.getValue(), Long::sum);
                if (e.getValue() > 1) {
                    duplicateKeys++;
                    duplicatePosts += e.getValue() - 1;
                }
            }
        }
        StringBuilder out = new StringBuilder("{");
        counters.forEach((k, v) -> out.append('"').append(k).append("\":").append(v.get()).append(','));
        for (String kind : List.of("root", "reply", "digest", "other")) {
            out.append('"').append(kind).append("Keys\":").append(kinds.getOrDefault(kind + "Keys", 0L)).append(',');
            out.append('"').append(kind).append("Posts\":").append(kinds.getOrDefault(kind + "Posts", 0L)).append(',');
        }
        out.append("\"duplicateKeys\":").append(duplicateKeys).append(",\"duplicatePosts\":").append(duplicatePosts);
        out.append(",\"rate429\":").append(rate429).append(",\"rate500\":").append(rate500).append(",\"ghost\":").append(ghost);
        out.append(",\"down\":").append(downUntil > System.currentTimeMillis()).append('}');
        return out.toString();
    }

    // ---------------------------------------------------------------- plumbing

    /** Slack answers with channel ids; the fake accepts a name or its id for the same channel. */
    private static String channelId(String channel) {
        if (channel == null || channel.isBlank()) {
            return null;
        }
        if (channel.startsWith("C")) {
            return channel;
        }
        return "C" + channel.replaceAll("[^A-Za-z0-9]", "").toUpperCase();
    }

    private String nextTs() {
        long micros = Math.max(System.currentTimeMillis() * 1000, lastMicros + 1);
        lastMicros = micros;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static boolean after(String ts, String oldest) {
        return oldest == null || oldest.isBlank() || Double.parseDouble(ts) > Double.parseDouble(oldest);
    }

    private static Map<String, String> params(HttpExchange ex) throws IOException {
        Map<String, String> p = new HashMap<>();
        addForm(p, ex.getRequestURI().getRawQuery());
        byte[] body = ex.getRequestBody().readAllBytes();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (body.length > 0 && type != null && type.startsWith("application/json")) {
            // a JSON body: only flat string fields matter here
            Matcher m = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|true|false|[0-9]+)")
                    .matcher(new String(body, StandardCharsets.UTF_8));
            while (m.find()) {
                p.putIfAbsent(m.group(1), m.group(3) != null ? m.group(3).replace("\\\"", "\"") : m.group(2));
            }
        } else {
            addForm(p, new String(body, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static void addForm(Map<String, String> p, String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            p.put(k, v);
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** Slack takes booleans as true/1 (the Java SDK sends 1). */
    private static boolean flag(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
