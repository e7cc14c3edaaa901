package dev.greenloop.cli;

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

/** Turns a measurement into a stored outcome: components, and carbon accounted hour by hour. */
final class Accounting {

    private Accounting() {
    }

    static RunOutcome outcome(Measurement m, int exitCode, ZoneChoice zone, double pue) {
        IntensityTimeline timeline = ZoneTable.builtIn().timeline(zone.zone().code());
        CarbonAccount node = CarbonAccounting.account(m.slices(), timeline, pue);
        CarbonAccount process = CarbonAccounting.account(m.processSlices(), timeline, pue);
        RunCarbon carbon = new RunCarbon(zone.zone().code(), node.meanIntensity().gramsPerKWh(), node.signal().label(),
                node.signal().source(), pue, node.emissions().grams(), process.emissions().grams());
        return new RunOutcome(m.endedAt(), exitCode, components(m), carbon);
    }

    static List<RunComponent> components(Measurement m) {
        List<RunComponent> out = new ArrayList<>();
        for (ComponentEnergy c : m.components()) {
            var comp = c.component();
            out.add(new RunComponent(comp.name(), comp.scope(), comp.provenance(), comp.description(), comp.partOf(),
                    c.energy(), c.min(), c.max(), c.processEnergy()));
        }
        return out;
    }

    /**
     * @throws UsageException if the PUE is not a number from 1 to 3
     */
    static double pue(String text, String origin) {
        double pue;
        try {
            pue = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("%s: PUE '%s' is not a number; give the facility's power usage effectiveness, e.g. 1.2".formatted(origin, text));
        }
        if (!(pue >= 1 && pue <= 3)) {
            throw new UsageException("%s: PUE %s is out of range; it is facility energy / IT energy, from 1.0 (no overhead) to about 3".formatted(origin, text));
        }
        return pue;
    }
}
