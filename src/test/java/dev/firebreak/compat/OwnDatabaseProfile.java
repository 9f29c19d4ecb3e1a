package dev.firebreak.compat;

import java.util.List;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile whose resource brings the app's database, instead of the shared embedded PostgreSQL.
 */
public abstract class OwnDatabaseProfile implements QuarkusTestProfile {

    /** The resource that starts the database and returns {@code firebreak.db.*}. */
    protected abstract Class<? extends QuarkusTestResourceLifecycleManager> database();

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(database()));
    }

    /** The shared embedded PostgreSQL is not needed. */
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
