package dev.firebreak.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.firebreak.testsupport.Payloads;

/**
 * Keeps {@code docs/operations.md} true: its runbook headings are exactly Firebreak's own alerts, each in the five
 * steps; every metric it names is exported; every SQL snippet runs against the migrated schema; every API, webhook and
 * health path exists; every health check the service reports is explained; every log text it greps for is logged by
 * the code; and every relative link resolves.
 */
@QuarkusTest
class OperationsGuideTest {
    static final Path GUIDE = Path.of("docs/operations.md");
    /** The alerts of the PrometheusRule in k8s/ (fixed names; each links to docs/operations.md#lowercased-name). */
    static final List<String> ALERTS = List.of("FirebreakDown", "FirebreakDatabaseUnreachable",
            "FirebreakIngestUnavailable", "FirebreakQuarantineGrowing", "FirebreakOutboxStuck", "FirebreakSlackFailures",
            "FirebreakPullStalled");
    static final List<String> STEPS = List.of("**Meaning.**", "**Assess impact.**", "**Immediate response.**",
            "**Root cause.**", "**Resolution.**", "**Follow-up.**");
    /** Docs written in parallel by other changes; their links are checked once they exist. */
    static final Set<String> DOCS_LANDING_SEPARATELY = Set.of("docs/configuration.md", "docs/gcp-setup.md",
            "docs/upgrade-and-backup.md");
    static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    static final Pattern METRIC = Pattern.compile("\\b((?:firebreak|http_server|jvm|process)_[a-z0-9_]+)");
    static final Pattern MICROMETER = Pattern.compile(
            "(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\"(firebreak\\.[a-z0-9.]+)\"|registry\\.(counter|timer|summary)\\(\"(firebreak\\.[a-z0-9.]+)\"");

    @Inject
    DataSource dataSource;

    static String guide() throws IOException {
        return Files.readString(GUIDE, StandardCharsets.UTF_8);
    }

    @Test
    void runbookHeadingsAreExactlyFirebreaksOwnAlertsInFiveSteps() throws IOException {
        String guide = guide();
        List<String> headings = Pattern.compile("(?m)^### (Firebreak\\S*)\\s*$")
                .matcher(guide)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(headings).as("### Firebreak… headings (the runbook_url anchors)").containsExactlyElementsOf(ALERTS);
        List<String> sections = List.of(guide.split("(?m)^### "));
        for (String alert : ALERTS) {
            String section = sections.stream().filter(s -> s.startsWith(alert + "\n")).findFirst().orElseThrow();
            int previous = -1;
            for (String step : STEPS) {
                int at = section.indexOf(step);
                assertThat(at).as("%s: step %s, in order", alert, step).isGreaterThan(previous);
                previous = at;
            }
            assertThat(section).as("%s: commands to type first", alert).contains("```");
        }
    }

    @Test
    void everyMetricItNamesIsExported() throws IOException {
        given().contentType(ContentType.JSON)
                .body(Payloads.envelope(Payloads.bytes(Payloads.notification("0.opsguide", "open", 1_764_000_000L, null,
                        "opsguide")), Payloads.newMessageId()))
                .post("/pubsub/push")
                .then()
                .statusCode(204);
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> exported = scrape.lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> declaredIn = declaredFirebreakMetrics();
        Set<String> declared = declaredIn.keySet();
        assertThat(exported.stream().filter(n -> n.startsWith("firebreak_")).toList())
                .as("what the code declares (checked against a real scrape)")
                .isNotEmpty()
                .allMatch(declared::contains);

        Set<String> named = new TreeSet<>();
        Matcher m = METRIC.matcher(guide());
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("metric names in the guide").isNotEmpty();
        for (String name : named) {
            Set<String> known = name.startsWith("firebreak_") ? declared : exported;
            boolean found = name.endsWith("_") ? known.stream().anyMatch(k -> k.startsWith(name)) : known.contains(name);
            assertThat(found).as("%s is a metric the service exports", name).isTrue();
        }

        // label keys in selectors such as name{result="failed"}: a wrong key silently matches nothing
        Matcher selector = Pattern.compile("\\b([a-z_]+)\\{([^}]*)\\}").matcher(guide());
        int selectors = 0;
        while (selector.find()) {
            String name = selector.group(1);
            for (String label : selector.group(2).split(",")) {
                String key = label.split("=")[0].strip();
                if (name.startsWith("firebreak_")) {
                    assertThat(declaredIn).as("%s is declared", name).containsKey(name);
                    assertThat(declaredIn.get(name)).as("label %s of %s is set where the metric is declared", key, name)
                            .contains("\"" + key + "\"");
                } else {
                    assertThat(scrape.lines().filter(l -> l.startsWith(name + "{")).anyMatch(l -> l.contains(key + "=\"")))
                            .as("label %s of %s in the scrape", key, name)
                            .isTrue();
                }
                selectors++;
            }
        }
        assertThat(selectors).as("label selectors in the guide").isGreaterThan(3);
    }

    /** Prometheus names of the firebreak.* meters declared in src/main/java (Micrometer's naming), to their source. */
    static Map<String, String> declaredFirebreakMetrics() throws IOException {
        Map<String, String> names = new TreeMap<>();
        for (String source : mainSources()) {
            Matcher m = MICROMETER.matcher(source);
            while (m.find()) {
                String type = m.group(1) != null ? m.group(1) : m.group(3);
                String name = (m.group(2) != null ? m.group(2) : m.group(4)).replace('.', '_');
                switch (type) {
                    case "Counter", "counter" -> names.put(name + "_total", source);
                    case "Timer", "timer" -> Stream.of("", "_bucket", "_count", "_sum", "_max")
                            .forEach(suffix -> names.put(name + "_seconds" + suffix, source));
                    case "DistributionSummary", "summary" -> Stream.of("", "_bucket", "_count", "_sum", "_max")
                            .forEach(suffix -> names.put(name + suffix, source));
                    default -> names.put(name, source);
                }
            }
        }
        return names;
    }

    @Test
    void sqlSnippetsRunAgainstTheMigratedSchema() throws IOException, SQLException {
        List<String> statements = new ArrayList<>();
        Matcher fence = FENCE.matcher(guide());
        while (fence.find()) {
            if (fence.group(1).equals("sql")) {
                for (String statement : fence.group(2).split(";\\s*(\\n|$)")) {
                    if (!statement.isBlank()) {
                        statements.add(statement.strip());
                    }
                }
            } else {
                assertThat(fence.group(2)).as("SQL belongs in ```sql blocks, where it is checked")
                        .doesNotContainPattern("(?i)\\b(SELECT\\s.+\\sFROM|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM)\\b");
            }
        }
        assertThat(statements).as("SQL snippets").hasSizeGreaterThan(5);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    try {
                        s.execute("EXPLAIN " + statement);
                    } catch (SQLException e) {
                        throw new AssertionError("docs/operations.md SQL does not run: " + statement + "\n" + e.getMessage(),
                                e);
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void everyPathItNamesExistsAndEveryHealthCheckIsExplained() throws IOException {
        String guide = guide();
        JsonNode openApi = new ObjectMapper().readTree(given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> documented = new ArrayList<>();
        openApi.get("paths").fieldNames().forEachRemaining(documented::add);

        Set<String> paths = new LinkedHashSet<>();
        // a path stands alone or follows a host ($HOST, localhost:8080); notify/slack/SlackStore is a source folder
        Matcher m = Pattern.compile(
                "(?:(?<=[\\s`\"'(=])|(?<=HOST)|(?<=:8080))(/(?:api/v1|pubsub|slack|q)(?:/[A-Za-z0-9_{}-]+)*)(?![\\w./])")
                .matcher(guide);
        while (m.find()) {
            paths.add(m.group(1));
        }
        assertThat(paths).as("paths in the guide").contains("/api/v1/quarantine", "/q/health/ready", "/q/metrics");
        for (String path : paths) {
            if (path.startsWith("/q/")) {
                int status = given().get(path).then().extract().statusCode();
                assertThat(status).as("GET %s", path).isIn(200, 503);
            } else {
                assertThat(documented.stream().anyMatch(template -> matches(template, path)))
                        .as("%s is an endpoint of the service (OpenAPI: %s)", path, documented)
                        .isTrue();
            }
        }

        for (String group : List.of("/q/health/ready", "/q/health/live", "/q/health/started",
                "/q/health/group/notifications")) {
            List<String> checks = given().get(group).then().extract().jsonPath().getList("checks.name", String.class);
            for (String check : checks) {
                assertThat(guide).as("health check %s of %s is explained", check, group).contains("`" + check + "`");
            }
        }
    }

    private static boolean matches(String template, String path) {
        String[] want = template.split("/");
        String[] have = path.split("/");
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!(want[i].startsWith("{") || want[i].equals(have[i]))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void logTextsItGrepsForAreLoggedByTheCode() throws IOException {
        String guide = guide();
        Set<String> texts = new TreeSet<>();
        Matcher grep = Pattern.compile("logs deploy/firebreak[^\\n]*\\| grep (?:-E )?'([^']+)'").matcher(guide);
        while (grep.find()) {
            texts.addAll(List.of(grep.group(1).split("\\|")));
        }
        String logTable = guide.substring(guide.indexOf("| log text |"), guide.indexOf("## Runbook"));
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(logTable);
        while (row.find()) {
            texts.add(row.group(1));
        }
        assertThat(texts).as("log texts in the guide").hasSizeGreaterThan(4);
        List<String> sources = mainSources();
        for (String text : texts) {
            assertThat(sources.stream().anyMatch(s -> s.contains(text))).as("'%s' is logged by src/main/java", text)
                    .isTrue();
        }
    }

    @Test
    void relativeLinksResolve() throws IOException {
        Matcher link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(guide());
        int checked = 0;
        while (link.find()) {
            Path target = GUIDE.getParent().resolve(link.group(1)).normalize();
            if (DOCS_LANDING_SEPARATELY.contains(target.toString()) && !Files.exists(target)) {
                continue;
            }
            assertThat(target).as("link target").exists();
            checked++;
        }
        assertThat(checked).isGreaterThan(2);
    }

    static List<String> mainSources() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Iterator<Path> it = files.filter(p -> p.toString().endsWith(".java")).iterator(); it.hasNext();) {
                sources.add(Files.readString(it.next(), StandardCharsets.UTF_8));
            }
        }
        return sources;
    }
}
