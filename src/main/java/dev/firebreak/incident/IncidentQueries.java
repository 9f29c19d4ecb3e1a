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

    /** Newest first. */
    public List<Incident> newest(int limit) {
        return Incident.<Incident>findAll(Sort.descending("openedAt", "id")).page(Page.ofSize(limit)).list();
    }

    public Optional<Incident> byId(long id) {
        return Incident.findByIdOptional(id);
    }

    /** The incident's timeline, oldest first. */
    public List<TimelineEvent> timeline(long incidentId) {
        return TimelineEvent.list("incidentId", Sort.ascending("id"), incidentId);
    }
}
