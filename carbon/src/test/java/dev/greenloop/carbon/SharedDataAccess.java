package dev.greenloop.carbon;

import java.nio.file.Path;

/** Opens {@link SharedData} to tests in sub-packages. */
public final class SharedDataAccess {

    private SharedDataAccess() {
    }

    /** @return the shared data file {@code shared/data/carbon/name}; fails the test when missing */
    public static Path carbon(String name) {
        return SharedData.carbon(name);
    }
}
