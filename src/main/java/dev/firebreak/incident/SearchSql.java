package dev.firebreak.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.IncidentStatus;

/**
 * The native SQL of one incident list page, with its named parameters.
 *
 * <p>
 * Every branch is {@code WHERE <filters> ORDER BY opened_at DESC, id DESC LIMIT n}, which an index
 * {@code (x, opened_at DESC, id DESC)} answers by reading n entries, never by sorting the filtered set. A
 * multi-valued status (or severity) filter becomes one such branch per value, merged by a {@code UNION ALL} that
 * sorts at most values × n rows: "open or acknowledged" stays fast when most of a million incidents are closed. The
 * keyset condition {@code (opened_at, id) < (…)} is a row comparison, an index condition on those same indexes.
 *
 * @param sql the statement, selecting whole {@code incident} rows
 * @param parameters values by name
 */
record SearchSql(String sql, Map<String, Object> parameters) {
    static final String ORDER = " ORDER BY opened_at DESC, id DESC";
    /** Backslash is PostgreSQL's default LIKE escape, which {@link #containsPattern} relies on. */
    private static final String TEXT_MATCH = "(title ILIKE :q OR policy_name ILIKE :q OR condition_name ILIKE :q"
            + " OR summary ILIKE :q OR resource_type ILIKE :q"
            + " OR EXISTS (SELECT 1 FROM jsonb_each_text(resource_labels) AS label WHERE label.value ILIKE :q))";

    /** The rows after {@code after} (null: from the newest) matching the filter, at most {@code fetch} of them. */
    static SearchSql page(IncidentFilter filter, IncidentCursor after, int fetch) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> common = new ArrayList<>();
        String driverColumn = null;
        List<String> driverValues = List.of();
        if (!filter.statuses().isEmpty()) {
            driverColumn = "status";
            driverValues = filter.statuses()
                    .stream()
                    .sorted(Comparator.naturalOrder())
                    .map(IncidentStatus::wireName)
                    .toList();
            severities(filter, common, parameters);
            step(filter, common, parameters);
        } else if (filter.step() != null) {
            driverColumn = "current_step";
            driverValues = List.of(filter.step().wireName());
            severities(filter, common, parameters);
        } else if (!filter.severities().isEmpty()) {
            driverColumn = "severity";
            driverValues = filter.severities().stream().sorted(Comparator.naturalOrder()).map(Severity::wireName).toList();
        }
        if (filter.since() != null) {
            common.add("opened_at >= :since");
            parameters.put("since", filter.since());
        }
        if (filter.until() != null) {
            common.add("opened_at < :until");
            parameters.put("until", filter.until());
        }
        if (after != null) {
            common.add("(opened_at, id) < (:afterOpenedAt, :afterId)");
            parameters.put("afterOpenedAt", after.openedAt());
            parameters.put("afterId", after.id());
        }
        if (filter.q() != null) {
            common.add(TEXT_MATCH);
            parameters.put("q", containsPattern(filter.q()));
        }
        parameters.put("fetch", fetch);
        if (driverColumn == null) {
            return new SearchSql(branch(common), parameters);
        }
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < driverValues.size(); i++) {
            String name = "driver" + i;
            parameters.put(name, driverValues.get(i));
            List<String> conditions = new ArrayList<>();
            conditions.add(driverColumn + " = :" + name);
            conditions.addAll(common);
            branches.add(branch(conditions));
        }
        if (branches.size() == 1) {
            return new SearchSql(branches.get(0), parameters);
        }
        return new SearchSql("SELECT * FROM (" + String.join(" UNION ALL ", branches.stream().map(b -> "(" + b + ")").toList())
                + ") AS page" + ORDER + " LIMIT :fetch", parameters);
    }

    /** A LIKE pattern matching {@code text} anywhere, with LIKE's wildcards and escape taken literally. */
    static String containsPattern(String text) {
        StringBuilder pattern = new StringBuilder(text.length() + 8).append('%');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    private static void severities(IncidentFilter filter, List<String> conditions, Map<String, Object> parameters) {
        if (filter.severities().isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (Severity severity : filter.severities().stream().sorted(Comparator.naturalOrder()).toList()) {
            String name = "severity" + names.size();
            names.add(":" + name);
            parameters.put(name, severity.wireName());
        }
        conditions.add("severity IN (" + String.join(", ", names) + ")");
    }

    private static void step(IncidentFilter filter, List<String> conditions, Map<String, Object> parameters) {
        if (filter.step() != null) {
            conditions.add("current_step = :step");
            parameters.put("step", filter.step().wireName());
        }
    }

    private static String branch(List<String> conditions) {
        return "SELECT * FROM incident" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + ORDER + " LIMIT :fetch";
    }
}
