package dev.greenloop.cli;

import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.RunRecorder;
import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.util.List;
import java.util.Map;

/**
 * Records {@code Greenloop.track(...)} measurements as runs in the Greenloop store, with their
 * carbon, using the same configuration as the CLI ({@code GREENLOOP_ZONE}, {@code GREENLOOP_PUE},
 * {@code GREENLOOP_DB}, {@code GREENLOOP_HOME}). Registered through {@link java.util.ServiceLoader}.
 */
public final class StoreRecorder implements RunRecorder {

    /** Creates the recorder; the service loader calls this. */
    public StoreRecorder() {
    }

    @Override
    public Recorded record(String name, Map<String, String> tags, Measurement measurement, boolean failed) {
        Settings settings = Settings.load();
        ZoneChoice zone = ZoneChoice.resolve(null, settings);
        double pue = Accounting.pue(settings.get("PUE").orElse("1.0"), settings.origin("PUE"));
        Map<String, String> env = settings.effectiveEnvironment();
        NodeInfo node = NodeFacts.describe(new Procfs(MeterConfig.fromEnvironment(env).procfsRoot()), zone.zone().code(), pue);
        RunOutcome outcome = Accounting.outcome(measurement, failed ? 1 : 0, zone, pue);
        try (Store store = Stores.open(StoreConfig.fromEnvironment(env))) {
            long id = store.startRun(new NewRun(name, List.of(), tags, measurement.startedAt(), node));
            store.finishRun(id, outcome);
            return new Recorded(id, zone.zone().code(), outcome.carbon().grams(), outcome.carbon().processGrams());
        }
    }
}
