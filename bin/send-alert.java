// Sends a Cloud Monitoring notification to Firebreak the way Pub/Sub push does (wrapped envelope, base64 data).
// Usage: java bin/send-alert.java [--fresh] [--state open|closed] [--url URL] [--token TOKEN] FILE.json
//   --fresh       give the notification a new incident_id (the same notification twice is deduplicated by design)
//   --state       override incident.state (e.g. send the close of an alert you opened with --fresh --id)
//   --id ID       set incident.incident_id explicitly
//   --url         push endpoint (default http://localhost:8080/pubsub/push)
//   --token       appended as ?token= when the service requires the push token
// Only the JDK is needed: run it with `java bin/send-alert.java …`.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SendAlert {
    public static void main(String[] args) throws Exception {
        String url = "http://localhost:8080/pubsub/push";
        String token = null;
        String state = null;
        String id = null;
        boolean fresh = false;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--url" -> url = args[++i];
                case "--token" -> token = args[++i];
                case "--state" -> state = args[++i];
                case "--id" -> id = args[++i];
                default -> file = args[i];
            }
        }
        if (file == null) {
            System.err.println("usage: java bin/send-alert.java [--fresh] [--id ID] [--state open|closed] [--url URL] [--token T] FILE.json");
            System.exit(2);
        }
        String json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        if (fresh && id == null) {
            id = "0.local-" + UUID.randomUUID().toString().substring(0, 8);
        }
        if (id != null) {
            json = replaceString(json, "incident_id", id);
        }
        if (state != null) {
            json = replaceString(json, "state", state);
            if (state.equals("closed")) {
                json = json.replaceFirst("\"ended_at\"\\s*:\\s*null", "\"ended_at\": " + Instant.now().getEpochSecond());
            }
        }
        String messageId = Long.toString(System.nanoTime());
        String envelope = "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))
                + "\",\"messageId\":\"" + messageId + "\",\"publishTime\":\"" + Instant.now() + "\",\"attributes\":{}},"
                + "\"subscription\":\"projects/local/subscriptions/firebreak-push\"}";
        String target = token == null ? url : url + (url.contains("?") ? "&" : "?") + "token=" + token;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(target))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope))
                .build(), HttpResponse.BodyHandlers.ofString());
        System.out.printf("POST %s -> %d %s%n", url, response.statusCode(), response.body());
        if (id != null) {
            System.out.println("incident_id: " + id);
        }
        System.exit(response.statusCode() / 100 == 2 ? 0 : 1);
    }

    private static String replaceString(String json, String field, String value) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"[^\"]*\"").matcher(json);
        return m.find() ? json.substring(0, m.start()) + "\"" + field + "\": \"" + value + "\"" + json.substring(m.end()) : json;
    }
}
