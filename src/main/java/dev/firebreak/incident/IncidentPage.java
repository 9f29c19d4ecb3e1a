package dev.firebreak.incident;

import java.util.List;

/**
 * One page of a filtered incident list, newest first.
 *
 * @param items the incidents of this page
 * @param nextCursor the opaque cursor of the next page, null on the last page
 */
public record IncidentPage(List<Incident> items, String nextCursor) {
    public IncidentPage {
        items = List.copyOf(items);
    }
}
