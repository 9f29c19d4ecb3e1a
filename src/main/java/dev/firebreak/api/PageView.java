package dev.firebreak.api;

import java.util.List;

/**
 * A page of a list: the items and the opaque cursor of the next page (null on the last page).
 */
public record PageView<T>(List<T> items, String nextCursor) {
}
