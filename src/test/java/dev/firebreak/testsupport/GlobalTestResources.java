package dev.firebreak.testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers the resources every {@code @QuarkusTest} shares (one real PostgreSQL for the whole run).
 */
@QuarkusTestResource(PostgresTestResource.class)
public final class GlobalTestResources {
    private GlobalTestResources() {
    }
}
