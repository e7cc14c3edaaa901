package dev.greenloop.app;

import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.core.CarbonAccount;
import dev.greenloop.core.CarbonAccounting;
import dev.greenloop.core.IntensityTimeline;
import dev.greenloop.meter.ComponentEnergy;
import dev.greenloop.meter.Measurement;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The accounting rules: a measurement becomes a stored outcome (its components, and its carbon accounted hour by
 * hour in the zone's built-in intensity timeline, times the PUE), and the PUE is checked.
 */
public final class Accounting {

    private Accounting() {
    }

    /**
     * Accounts a measurement.
     *
     * @param m what was measured
     * @param exitCode the workload's exit code (a tracked block: 0, or 1 when it failed)
     * @param zone the zone to account in
     * @param pue the site's power usage effectiveness, 1 to 3 (see {@link #pue})
     * @return the run's outcome: components, node and process carbon
     */
    public static RunOutcome outcome(Measurement m, int exitCode, ZoneChoice zone, double pue) {
        IntensityTimeline timeline = ZoneTable.builtIn().timeline(zone.zone().code());
        CarbonAccount node = CarbonAccounting.account(m.slices(), timeline, pue);
        CarbonAccount process = CarbonAccounting.account(m.processSlices(), timeline, pue);
        RunCarbon carbon = new RunCarbon(zone.zone().code(), node.meanIntensity().gramsPerKWh(), node.signal().label(),
                node.signal().source(), pue, node.emissions().grams(), process.emissions().grams());
        return new RunOutcome(m.endedAt(), exitCode, components(m), carbon);
    }

    /** @return the measurement's components as the store records them, in the measurement's order */
    public static List<RunComponent> components(Measurement m) {
        List<RunComponent> out = new ArrayList<>();
        for (ComponentEnergy c : m.components()) {
            var comp = c.component();
            out.add(new RunComponent(comp.name(), comp.scope(), comp.provenance(), comp.description(), comp.partOf(),
                    c.energy(), c.min(), c.max(), c.processEnergy(),
                    Optional.of(new RunComponent.Idle(c.idleEnergy(), c.idleRule().label(), c.idleRule().idleFrom()))));
        }
        return out;
    }

    /**
     * Reads a PUE.
     *
     * @param text the value as given
     * @param origin where it came from, for the message: {@code --pue}, {@code GREENLOOP_PUE}
     * @return the PUE
     * @throws ConfigException if it is not a number from 1 to 3
     */
    public static double pue(String text, String origin) {
        double pue;
        try {
            pue = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("%s: PUE '%s' is not a number; give the facility's power usage effectiveness, e.g. 1.2".formatted(origin, text));
        }
        if (!(pue >= 1 && pue <= 3)) {
            throw new ConfigException("%s: PUE %s is out of range; it is facility energy / IT energy, from 1.0 (no overhead) to about 3".formatted(origin, text));
        }
        return pue;
    }

    /**
     * The PUE to account with: the front end's value if given, else {@code GREENLOOP_PUE} or the config file's
     * {@code pue}, else 1.0.
     *
     * @param flag the front end's value, or null
     * @param flagName how the front end names it in messages, such as {@code --pue}
     * @throws ConfigException if the value chosen is not a number from 1 to 3
     */
    public static double pue(String flag, String flagName, Settings settings) {
        return flag != null ? pue(flag, flagName) : pue(settings.get("PUE").orElse("1.0"), settings.origin("PUE"));
    }
}
