package dev.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.firebreak.app.ConfigCatalog.Setting;

/**
 * {@code docs/configuration.md} is generated from the code and must equal what the code generates now; the README's
 * tables name only real keys; the public contract's keys all exist. Regenerate with
 * {@code ./mvnw -B test -Dtest=ConfigurationReferenceTest -Dfirebreak.docs.write=true}.
 */
class ConfigurationReferenceTest {
    static final Path REFERENCE = Path.of("docs/configuration.md");
    static final String REGENERATE = "./mvnw -B test -Dtest=ConfigurationReferenceTest -Dfirebreak.docs.write=true";
    private static final String OTHER_SOURCE = "application.properties / code";

    /** The keys fixed by the public configuration contract (shared/reference/config-contract.md). */
    static final List<String> CONTRACT = List.of(
            "firebreak.db.url", "firebreak.db.user", "firebreak.db.password", "firebreak.db.embedded.data-dir",
            "firebreak.base-url", "firebreak.push.auth", "firebreak.push.token", "firebreak.push.oidc.audience",
            "firebreak.push.oidc.service-account", "firebreak.push.oidc.issuer", "firebreak.push.oidc.jwks-url",
            "firebreak.push.max-body-bytes", "firebreak.pubsub.pull.enabled", "firebreak.pubsub.project",
            "firebreak.pubsub.subscription", "firebreak.pubsub.emulator-host",
            "firebreak.pubsub.max-outstanding-messages", "firebreak.api.auth", "firebreak.api.tokens",
            "firebreak.slack.bot-token", "firebreak.slack.signing-secret", "firebreak.slack.api-url",
            "firebreak.slack.channels.critical", "firebreak.slack.channels.warning", "firebreak.slack.channels.info",
            "quarkus.http.port");

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final ConfigCatalog catalog = ConfigCatalog.read();

    @Test
    void everySettingIsDescribedInTheCode() {
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.settings()).hasSizeGreaterThan(40);
    }

    @Test
    void referenceIsWhatTheCodeGenerates() throws IOException {
        String generated = render(catalog);
        if (Boolean.getBoolean("firebreak.docs.write")) {
            Files.createDirectories(REFERENCE.getParent());
            Files.writeString(REFERENCE, generated);
        }
        String current = Files.exists(REFERENCE) ? Files.readString(REFERENCE) : "";
        assertThat(current)
                .withFailMessage("%s differs from what the code generates (%s); regenerate it with:%n  %s", REFERENCE,
                        firstDifference(current, generated), REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void contractKeysAllExist() {
        assertThat(CONTRACT).allSatisfy(key -> assertThat(catalog.hasKey(key)).as(key).isTrue());
        assertThat(ConfigCatalog.envName("firebreak.push.oidc.service-account"))
                .isEqualTo("FIREBREAK_PUSH_OIDC_SERVICE_ACCOUNT");
    }

    @Test
    void readmeTablesNameOnlyRealSettings() {
        List<String> rows = readmeKeyRows();
        assertThat(rows).as("README key tables").hasSizeGreaterThan(20);
        List<String> unknown = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("(?<!\\\\)\\|");
            for (String key : expand(cells[1], '.')) {
                if (!catalog.hasKey(key)) {
                    unknown.add(key);
                }
            }
            for (String env : expand(cells[2], '_')) {
                if (env.matches("[A-Z0-9_]+") && !catalog.envNames().contains(env)) {
                    unknown.add(env);
                }
            }
        }
        assertThat(unknown).as("README names settings the code does not read").isEmpty();
        assertThat(ConfigCatalog.text(Path.of("README.md"))).contains("docs/configuration.md");
    }

    /** `a.b.c` / `.d` → a.b.c, a.b.d (and the same for `A_B_C` / `_D`); a token with "…" is left out. */
    static List<String> expand(String cell, char separator) {
        List<String> names = new ArrayList<>();
        String first = null;
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String token = code.group(1).trim();
            if (token.contains("…")) {
                continue;
            }
            if (first != null && token.charAt(0) == separator) {
                names.add(first.substring(0, first.lastIndexOf(separator)) + token);
            } else {
                first = token;
                names.add(token);
            }
        }
        return names;
    }

    private static List<String> readmeKeyRows() {
        List<String> rows = new ArrayList<>();
        boolean inKeyTable = false;
        for (String line : ConfigCatalog.text(Path.of("README.md")).split("\n")) {
            if (line.startsWith("| key |")) {
                inKeyTable = true;
            } else if (!line.startsWith("|")) {
                inKeyTable = false;
            } else if (inKeyTable && !line.startsWith("| ---")) {
                rows.add(line);
            }
        }
        return rows;
    }

    static String render(ConfigCatalog catalog) {
        Map<String, List<Setting>> sections = new LinkedHashMap<>();
        Map<String, List<Setting>> bySource = catalog.bySource();
        sections.put("Database and links (`application.properties` forwards these to Quarkus)",
                bySource.getOrDefault(OTHER_SOURCE, List.of()));
        bySource.forEach((source, settings) -> {
            if (!OTHER_SOURCE.equals(source) && !"Quarkus".equals(source)) {
                String prefix = settings.get(0).key().replaceAll("^(firebreak\\.[a-z-]+)\\..*$", "$1");
                sections.put("`" + prefix + ".*` (`" + source + "`)", settings);
            }
        });
        sections.put("Quarkus settings you may set", bySource.getOrDefault("Quarkus", List.of()));

        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("<!-- Generated from the code by ConfigurationReferenceTest; do not edit. Regenerate with:\n     ")
                .append(REGENERATE)
                .append(" -->\n\n");
        md.append("Every setting Firebreak reads. Set each as the environment variable of the second column (upper case,"
                + " `.` and `-` become `_`), as a system property (`-Dkey=value`) or in `application.properties`."
                + " Durations take `30s`, `5m`, `1h` or ISO-8601 (`PT20S`). The meanings are the Javadoc of the"
                + " `@ConfigMapping` interfaces under `src/main/java` (and, for the few keys read elsewhere, of"
                + " `ConfigCatalog`), so this file changes with the code; a build fails when it is stale. Secrets"
                + " (database password, Slack bot token and signing secret, push token, API tokens) belong in a"
                + " Kubernetes Secret, never in a ConfigMap: see [`k8s/README.md`](../k8s/README.md).\n");
        sections.forEach((title, settings) -> {
            md.append("\n## ").append(title).append("\n\n");
            md.append("| key | environment variable | default | meaning |\n| --- | --- | --- | --- |\n");
            for (Setting setting : settings) {
                md.append("| `")
                        .append(setting.key())
                        .append("` | `")
                        .append(setting.env())
                        .append("` | ")
                        .append(setting.defaultValue())
                        .append(" | ")
                        .append(setting.meaning())
                        .append(" |\n");
            }
        });
        return md.toString();
    }

    private static String firstDifference(String current, String generated) {
        String[] a = current.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int line = 0; line < Math.max(a.length, b.length); line++) {
            String left = line < a.length ? a[line] : "<end of file>";
            String right = line < b.length ? b[line] : "<end of file>";
            if (!left.equals(right)) {
                return "first difference at line " + (line + 1) + ": file has \"" + left + "\", code gives \"" + right
                        + "\"";
            }
        }
        return "no difference";
    }
}
