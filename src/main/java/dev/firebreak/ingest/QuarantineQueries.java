package dev.firebreak.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Read side of the quarantine.
 */
@ApplicationScoped
public class QuarantineQueries {

    /** Newest first. */
    public List<QuarantinedMessage> newest(int limit) {
        return QuarantinedMessage.<QuarantinedMessage>findAll(Sort.descending("receivedAt", "id"))
                .page(Page.ofSize(limit))
                .list();
    }
}
