package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.store.StoreException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Keeps the result of {@code lab profile} and {@code lab sweep} in the store (a picocli mixin with
 * {@code --no-store}). A store that cannot be opened or written does not lose the measurement: the
 * result is printed anyway and the command warns, as {@code measure} does.
 */
final class LabStoring {

    @Option(names = "--no-store", description = "Do not keep the result in the Greenloop store (GREENLOOP_DB, default SQLite in GREENLOOP_HOME).")
    boolean noStore;

    /**
     * Saves the rows of {@code profiled} as one result, unless {@code --no-store}; says so on {@code err}.
     *
     * @param command the command's name, such as {@code lab sweep}
     */
    void save(CommandSpec spec, String command, LabService.Profiled profiled, PrintWriter err) {
        if (noStore) {
            return;
        }
        try {
            LabService.Stored stored = LabServices.create(Main.settings(spec), true).store(command, profiled);
            err.printf("greenloop: stored %d profiles as result %d in %s%n", stored.profiles(), stored.resultId(), stored.location());
        } catch (StoreException e) {
            // Safe to go on: the result is already printed (and written to --out); only its copy in the store is missing.
            err.println("greenloop: warning: the profiles were measured but not stored: " + e.getMessage());
        }
    }
}
