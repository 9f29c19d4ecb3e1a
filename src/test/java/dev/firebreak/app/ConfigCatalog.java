package dev.firebreak.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;

/**
 * Every setting Firebreak reads, found in the code: the {@code @ConfigMapping} interfaces under {@code src/main/java}
 * (names and defaults from SmallRye Config's own metadata, meanings from their Javadoc), the {@code firebreak.*} keys
 * that {@code application.properties} forwards to Quarkus, the ones read with {@code @ConfigProperty} or before
 * Quarkus starts, and the few Quarkus settings a user sets. {@code docs/configuration.md} is rendered from it and the
 * Kubernetes manifests are checked against it.
 */
final class ConfigCatalog {
    static final Path MAIN_JAVA = Path.of("src/main/java");
    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    /**
     * Meanings of the settings that no {@code @ConfigMapping} describes. Each must still be read somewhere in the code
     * (checked), so an entry cannot outlive its setting; a key read in the code without an entry fails the test.
     */
    static final Map<String, String> OTHER_MEANINGS = Map.of(
            "firebreak.db.url", "JDBC URL of PostgreSQL, e.g. `jdbc:postgresql://10.20.0.3:5432/firebreak`; required"
                    + " outside the local profile.",
            "firebreak.db.user", "Database user.",
            "firebreak.db.password", "Database password.",
            "firebreak.db.pool-size", "Most database connections of one replica (keep replicas × this below the"
                    + " server's `max_connections`).",
            "firebreak.db.embedded.data-dir", "Where the local profile's embedded PostgreSQL keeps its data"
                    + " (default `.firebreak/pgdata`).",
            "firebreak.db.embedded.port", "Port of the local profile's embedded PostgreSQL (default: a free one).",
            "firebreak.base-url", "Public URL of this service, used in links (Slack).");

    /** The Quarkus settings a user of Firebreak sets; Quarkus reads them itself. */
    static final List<Setting> QUARKUS = List.of(
            new Setting("quarkus.http.port", "`8080`",
                    "The one HTTP port: push, Slack, `/api/v1`, `/q/health/*` and `/q/metrics`.", "Quarkus"),
            new Setting("quarkus.profile", "`prod`", "`local` runs with an embedded PostgreSQL and without"
                    + " authentication (see the README); the default `prod` requires a database and authentication.",
                    "Quarkus"));

    private static final Pattern MAPPING_PREFIX = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern FORWARDED = Pattern.compile("\\$\\{(firebreak\\.[a-z0-9.-]+)(:([^}]*))?}");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile(
            "@ConfigProperty\\(name\\s*=\\s*\"(firebreak\\.[a-z0-9.-]+)\"(\\s*,\\s*defaultValue\\s*=\\s*\"([^\"]*)\")?");
    private static final Pattern EARLY_SETTING = Pattern.compile("setting\\(\"(firebreak\\.[a-z0-9.-]+)\"");
    private static final Pattern PROFILE_VALUE = Pattern.compile("^%([a-z]+)\\.(firebreak\\.[a-z0-9.-]+)=(.*)$");

    /**
     * One setting.
     *
     * @param key the configuration key
     * @param defaultValue its default as documented (Markdown), empty when it has none
     * @param meaning one sentence
     * @param source where it is declared (for the reader of the reference)
     */
    record Setting(String key, String defaultValue, String meaning, String source) {
        /** The environment variable Quarkus maps to the key. */
        String env() {
            return envName(key);
        }
    }

    private final List<Setting> settings;
    private final List<String> problems;

    private ConfigCatalog(List<Setting> settings, List<String> problems) {
        this.settings = settings;
        this.problems = problems;
    }

    /** Reads the catalog from the working tree. */
    static ConfigCatalog read() {
        List<String> problems = new ArrayList<>();
        Map<String, Setting> byKey = new TreeMap<>();
        Map<String, List<String>> profileValues = profileValues();
        for (Path source : javaSources()) {
            String text = text(source);
            Matcher prefix = MAPPING_PREFIX.matcher(text);
            if (prefix.find()) {
                for (Setting setting : mappingSettings(source, text, prefix.group(1), problems)) {
                    byKey.put(setting.key(), withProfiles(setting, profileValues));
                }
            }
        }
        Map<String, String> otherKeys = new TreeMap<>();
        forwardedKeys(otherKeys);
        readInCode(otherKeys);
        for (Map.Entry<String, String> other : otherKeys.entrySet()) {
            String key = other.getKey();
            if (byKey.containsKey(key)) {
                if (OTHER_MEANINGS.containsKey(key)) {
                    problems.add(key + " is documented by its @ConfigMapping; drop it from ConfigCatalog.OTHER_MEANINGS");
                }
                continue;
            }
            String meaning = OTHER_MEANINGS.get(key);
            if (meaning == null) {
                problems.add(key + " is read by the code but has no meaning in ConfigCatalog.OTHER_MEANINGS");
                meaning = "";
            }
            byKey.put(key, withProfiles(new Setting(key, other.getValue(), meaning, "application.properties / code"),
                    profileValues));
        }
        for (String key : OTHER_MEANINGS.keySet()) {
            if (!otherKeys.containsKey(key)) {
                problems.add(key + " is described in ConfigCatalog.OTHER_MEANINGS but nothing reads it");
            }
        }
        for (Setting setting : byKey.values()) {
            if (setting.meaning().isBlank()) {
                problems.add(setting.key() + " has no Javadoc sentence");
            }
        }
        List<Setting> all = new ArrayList<>(byKey.values());
        all.addAll(QUARKUS);
        return new ConfigCatalog(List.copyOf(all), List.copyOf(problems));
    }

    List<Setting> settings() {
        return settings;
    }

    /** The {@code @ConfigMapping} interfaces under {@code src/main/java}. */
    static List<Class<?>> mappingClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (Path source : javaSources()) {
            if (MAPPING_PREFIX.matcher(text(source)).find() && classOf(source).isAnnotationPresent(ConfigMapping.class)) {
                classes.add(classOf(source));
            }
        }
        return classes;
    }

    /** What is wrong with the code's own documentation of its settings (missing Javadoc, stale entries). */
    List<String> problems() {
        return problems;
    }

    /** Every environment variable name that configures Firebreak. */
    List<String> envNames() {
        return settings.stream().map(Setting::env).toList();
    }

    boolean hasKey(String key) {
        return settings.stream().anyMatch(s -> s.key().equals(key));
    }

    /** The environment variable Quarkus maps to a key: upper case, anything but letters and digits becomes {@code _}. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static List<Setting> mappingSettings(Path source, String text, String prefix, List<String> problems) {
        Class<?> type = classOf(source);
        if (!type.isAnnotationPresent(ConfigMapping.class)) {
            return List.of();
        }
        Map<String, Map<String, String>> javadoc = JavadocIndex.of(text);
        List<Setting> found = new ArrayList<>();
        for (Map.Entry<String, Property> entry : ConfigMappings.getProperties(ConfigClass.configClass(type, prefix))
                .entrySet()) {
            Property property = entry.getValue();
            if (property.isGroup() || entry.getKey().endsWith("[*]")) {
                continue; // groups are no settings; "[*]" is the indexed form of a list that is also set as one value
            }
            Method method = property.getMethod();
            String meaning = javadoc.getOrDefault(method.getDeclaringClass().getSimpleName(), Map.of())
                    .getOrDefault(method.getName(), "");
            if (meaning.isBlank()) {
                problems.add(entry.getKey() + " (" + type.getSimpleName() + "." + method.getName() + ") has no Javadoc");
            }
            found.add(new Setting(entry.getKey(), defaultOf(property), meaning,
                    MAIN_JAVA.relativize(source).toString().replace("dev/firebreak/", "")));
        }
        return found;
    }

    private static String defaultOf(Property property) {
        Property leaf = property.isOptional() ? property.asOptional().getNestedProperty() : property;
        return leaf.hasDefaultValue() && leaf.getDefaultValue() != null ? "`" + leaf.getDefaultValue() + "`" : "";
    }

    /** Adds "local: `none`" for values application.properties sets per profile (prod has none of those). */
    private static Setting withProfiles(Setting setting, Map<String, List<String>> profileValues) {
        List<String> perProfile = profileValues.get(setting.key());
        if (perProfile == null) {
            return setting;
        }
        String profiles = String.join("; ", perProfile);
        String value = setting.defaultValue().isBlank() ? profiles : setting.defaultValue() + "; " + profiles;
        return new Setting(setting.key(), value, setting.meaning(), setting.source());
    }

    private static Map<String, List<String>> profileValues() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : text(APPLICATION_PROPERTIES).split("\n")) {
            Matcher matcher = PROFILE_VALUE.matcher(line.trim());
            if (matcher.matches() && !"test".equals(matcher.group(1))) {
                values.computeIfAbsent(matcher.group(2), k -> new ArrayList<>())
                        .add(matcher.group(1) + ": `" + matcher.group(3).trim() + "`");
            }
        }
        return values;
    }

    private static void forwardedKeys(Map<String, String> keys) {
        Matcher matcher = FORWARDED.matcher(text(APPLICATION_PROPERTIES));
        while (matcher.find()) {
            String defaultValue = matcher.group(3);
            keys.merge(matcher.group(1), defaultValue == null || defaultValue.isEmpty() ? "" : "`" + defaultValue + "`",
                    (a, b) -> a.isEmpty() ? b : a);
        }
    }

    private static void readInCode(Map<String, String> keys) {
        for (Path source : javaSources()) {
            String text = text(source);
            Matcher property = CONFIG_PROPERTY.matcher(text);
            while (property.find()) {
                keys.put(property.group(1), property.group(3) == null ? "" : "`" + property.group(3) + "`");
            }
            Matcher early = EARLY_SETTING.matcher(text);
            while (early.find()) {
                keys.putIfAbsent(early.group(1), "");
            }
        }
    }

    private static Class<?> classOf(Path source) {
        String name = MAIN_JAVA.relativize(source).toString().replaceAll("\\.java$", "").replace('/', '.');
        try {
            return Class.forName(name, false, ConfigCatalog.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled class missing for " + source, e);
        }
    }

    private static List<Path> javaSources() {
        try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings grouped by where they are declared, in a stable order. */
    Map<String, List<Setting>> bySource() {
        return settings.stream()
                .collect(Collectors.groupingBy(Setting::source, TreeMap::new, Collectors.toList()));
    }
}
