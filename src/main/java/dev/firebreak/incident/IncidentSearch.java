package dev.firebreak.incident;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.jpa.HibernateHints;

/**
 * The filtered incident list, newest first ({@code opened_at DESC, id DESC}), keyset-paginated with opaque cursors:
 * no OFFSET, so every page costs the same however deep it is.
 */
@ApplicationScoped
public class IncidentSearch {
    /** Page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 50;
    /** Largest page. */
    public static final int MAX_LIMIT = 200;

    private final EntityManager entityManager;

    public IncidentSearch(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * One page of the incidents matching the filter.
     *
     * @param limit page size, 1 to {@value #MAX_LIMIT}
     * @param cursor the {@code nextCursor} of the previous page, null or empty for the first page
     * @throws InvalidCursorException when the cursor was not issued by this service
     * @throws IllegalArgumentException when the limit is out of range
     */
    public IncidentPage search(IncidentFilter filter, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        IncidentCursor after = cursor == null || cursor.isEmpty() ? null : IncidentCursor.decode(cursor);
        List<Incident> rows = rows(SearchSql.page(filter, after, limit + 1));
        if (rows.size() <= limit) {
            return new IncidentPage(rows, null);
        }
        List<Incident> page = rows.subList(0, limit);
        return new IncidentPage(page, IncidentCursor.after(page.get(limit - 1)).encode());
    }

    /** The query plan PostgreSQL chooses for a page, one line per element (for plan regression tests). */
    List<String> explain(IncidentFilter filter, int limit, String cursor) {
        IncidentCursor after = cursor == null || cursor.isEmpty() ? null : IncidentCursor.decode(cursor);
        SearchSql sql = SearchSql.page(filter, after, limit + 1);
        Query query = entityManager.createNativeQuery("EXPLAIN " + sql.sql());
        sql.parameters().forEach(query::setParameter);
        List<String> lines = new ArrayList<>();
        for (Object line : query.getResultList()) {
            lines.add(String.valueOf(line));
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private List<Incident> rows(SearchSql sql) {
        Query query = entityManager.createNativeQuery(sql.sql(), Incident.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true);
        sql.parameters().forEach(query::setParameter);
        return new ArrayList<>(query.getResultList());
    }
}
