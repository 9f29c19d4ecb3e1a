// Publishes N distinct Cloud Monitoring notifications to a Pub/Sub emulator topic over its REST API, as fast as the
// emulator takes them (batches of --batch messages, --parallel requests in flight), and prints the publish rate.
// Each message is the sample notification with its own incident_id and resource instance_id, so each opens its own
// incident. Used by bench/run.sh for the pull path: java bench/pull/PublishAlerts.java --rest http://127.0.0.1:P/v1
//   --project bench --topic alerts --count 20000 --tag pl --sample FILE.json
// Prints: "BENCH published=N seconds=S per_s=R". Only the JDK is needed.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

public class PublishAlerts {
    public static void main(String[] args) throws Exception {
        String rest = null;
        String project = "bench";
        String topic = "alerts";
        String tag = "pl";
        String sample = "src/test/resources/payloads/gcm/cm-1.2-gce-netbytes-open-sev-critical.json";
        int count = 20_000;
        int batch = 500;
        int parallel = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rest" -> rest = args[++i];
                case "--project" -> project = args[++i];
                case "--topic" -> topic = args[++i];
                case "--tag" -> tag = args[++i];
                case "--sample" -> sample = args[++i];
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--parallel" -> parallel = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (rest == null) {
            throw new IllegalArgumentException("--rest http://127.0.0.1:PORT/v1 is required");
        }
        String template = Files.readString(Path.of(sample), StandardCharsets.UTF_8).strip();
        String incidentId = field(template, "incident_id");
        String instanceId = field(template, "instance_id");

        // build every request body first, so the timing is the emulator's, not ours
        List<String> bodies = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int inBody = 0;
        for (int n = 1; n <= count; n++) {
            String id = String.format("%s-%09d", tag, n);
            String json = template.replace("\"incident_id\":\"" + incidentId + "\"", "\"incident_id\":\"" + id + "\"")
                    .replace("\"instance_id\":\"" + instanceId + "\"", "\"instance_id\":\"" + id + "\"");
            body.append(inBody == 0 ? "{\"messages\":[" : ",")
                    .append("{\"data\":\"")
                    .append(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                    .append("\"}");
            if (++inBody == batch || n == count) {
                bodies.add(body.append("]}").toString());
                body.setLength(0);
                inBody = 0;
            }
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(rest + "/projects/" + project + "/topics/" + topic + ":publish");
        Semaphore inFlight = new Semaphore(parallel);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (String b : bodies) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(b))
                    .build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("publish answered " + response.statusCode() + ": " + response.body());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH published=%d seconds=%.3f per_s=%.1f%n", count, seconds, count / seconds);
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            throw new IllegalArgumentException("the sample has no string field " + name);
        }
        int from = at + name.length() + 4;
        return json.substring(from, json.indexOf('"', from));
    }
}
