package faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The control side of bench/faults/FakeSlack.java: failure injection, counters, and posts per delivery key. */
final class SlackFake {
    private static final Pattern NUMBER = Pattern.compile("\"([A-Za-z0-9]+)\":(-?[0-9]+)(?=[,}])");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    SlackFake(int controlPort) {
        this.base = "http://127.0.0.1:" + controlPort;
    }

    void reset() throws IOException, InterruptedException {
        get("/reset");
    }

    /** e.g. {@code rate429=0.1&rate500=0.1&ghost=0.5} or {@code down=30}. */
    void control(String query) throws IOException, InterruptedException {
        get("/control?" + query);
    }

    /** The integer counters of /stats. */
    Map<String, Long> stats() throws IOException, InterruptedException {
        Map<String, Long> stats = new HashMap<>();
        Matcher m = NUMBER.matcher(get("/stats"));
        while (m.find()) {
            stats.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return stats;
    }

    /** How many times each delivery key was posted. */
    Map<String, Integer> postsByKey() throws IOException, InterruptedException {
        Map<String, Integer> keys = new HashMap<>();
        for (String line : get("/keys").split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                keys.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1).trim()));
            }
        }
        return keys;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("fake Slack " + path + " answered " + r.statusCode());
        }
        return r.body();
    }
}
