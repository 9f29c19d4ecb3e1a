package dev.firebreak.incident;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Read side of incidents.
 */
@ApplicationScoped
public class IncidentQueries {
    private final IncidentSearch search;

    public IncidentQueries(IncidentSearch search) {
        this.search = search;
    }

    /** Newest first. */
    public List<Incident> newest(int limit) {
        return Incident.<Incident>findAll(Sort.descending("openedAt", "id")).page(Page.ofSize(limit)).list();
    }

    /**
     * One page of the incidents matching the filter, newest first; see {@link IncidentSearch#search}.
     *
     * @throws InvalidCursorException when the cursor was not issued by this service
     */
    public IncidentPage search(IncidentFilter filter, int limit, String cursor) {
        return search.search(filter, limit, cursor);
    }

    public Optional<Incident> byId(long id) {
        return Incident.findByIdOptional(id);
    }

    /** The incident's timeline, oldest first. */
    public List<TimelineEvent> timeline(long incidentId) {
        return TimelineEvent.list("incidentId", Sort.ascending("id"), incidentId);
    }
}
