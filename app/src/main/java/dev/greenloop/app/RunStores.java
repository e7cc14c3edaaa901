package dev.greenloop.app;

import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.Stores;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens the run store as every command that reads or writes runs does: {@link Stores#open(StoreConfig)}, then the runs
 * spooled in {@code GREENLOOP_HOME/spool/} because the store could not take them (a lock held too long, a full disk)
 * are stored, and their files deleted.
 */
public final class RunStores {

    private RunStores() {
    }

    /**
     * Opens the store that {@code settings} name and stores the spooled runs meant for it.
     *
     * @param notes told one line per spool file handled: stored as which run, or left there and why
     * @return the open store; the caller closes it
     * @throws StoreException as {@link Stores#open(StoreConfig)} does
     */
    public static Store open(Settings settings, Consumer<String> notes) {
        return open(StoreConfig.fromEnvironment(settings.effectiveEnvironment()), notes);
    }

    /** As {@link #open(Settings, Consumer)}, for a store configuration. */
    static Store open(StoreConfig config, Consumer<String> notes) {
        Objects.requireNonNull(notes, "notes");
        Store store = Stores.open(config);
        if (config.home() != null) {
            Spool.importAll(config.home(), store).forEach(notes);
        }
        return store;
    }
}
