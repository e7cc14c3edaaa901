package dev.greenloop.cli;

import dev.greenloop.core.Emissions;
import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Units;
import dev.greenloop.report.Table;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import java.io.PrintWriter;
import java.util.Locale;

/** The readable report of a run: a table of components, the process share and the carbon. */
public final class Summary {

    private Summary() {
    }

    /**
     * Prints the components table, the process share and the carbon of a finished run, as {@code measure} and
     * {@code runs show} show them.
     *
     * @param out where to print
     * @param outcome the run's outcome
     */
    public static void print(PrintWriter out, RunOutcome outcome) {
        Table t = new Table("component", "scope", "provenance", ">energy", ">range (modelled)", ">process");
        double total = outcome.total().joules();
        double process = outcome.processEnergy().joules();
        boolean modelled = outcome.provenance() == Provenance.MODELLED;
        for (RunComponent c : outcome.components()) {
            String name = c.counted() ? c.name() : "  " + c.name() + " (in " + c.partOf() + ")";
            boolean m = c.provenance() == Provenance.MODELLED;
            t.row(name, c.scope().label(), c.provenance().label(), Units.formatEnergy(c.energy()),
                    m ? Units.formatEnergy(c.min()) + " – " + Units.formatEnergy(c.max()) : "",
                    c.counted() ? Units.formatEnergy(c.processEnergy()) : "");
        }
        Energy node = Energy.ofJoules(total);
        t.row("total (node)", "", "", Units.formatEnergy(node), "", Units.formatEnergy(Energy.ofJoules(process)));
        t.print(out);
        out.printf(Locale.ROOT, "%nnode energy      %s = %.3g kWh%n", Units.formatEnergy(node), node.kilowattHours());
        boolean gpus = outcome.components().stream().anyMatch(c -> c.scope() == dev.greenloop.core.Scope.GPU);
        out.printf(Locale.ROOT, "process tree     %s (%.1f %% of the node; %s)%n",
                Units.formatEnergy(Energy.ofJoules(process)), total > 0 ? 100 * process / total : 0,
                gpus ? "CPU and memory by CPU time, GPUs by the processes running on them" : "by CPU time");
        out.printf(Locale.ROOT, "unattributed     %s (idle power and other processes)%n",
                Units.formatEnergy(Energy.ofJoules(Math.max(0, total - process))));
        if (outcome.idleEnergy().isPresent()) {
            double idle = outcome.idleEnergy().get().joules();
            out.printf(Locale.ROOT, "  idle power     %s (the node's power at rest during the run: not the command's)%n",
                    Units.formatEnergy(Energy.ofJoules(idle)));
            out.printf(Locale.ROOT, "  other processes %s (their share of the power above idle)%n",
                    Units.formatEnergy(Energy.ofJoules(Math.max(0, total - idle - process))));
        }
        RunCarbon c = outcome.carbon();
        out.printf(Locale.ROOT, "carbon           %s CO2eq for the node, %s for the process tree%n",
                Units.formatEmissions(Emissions.ofGrams(c.grams())), Units.formatEmissions(Emissions.ofGrams(c.processGrams())));
        out.printf(Locale.ROOT, "                 at %.0f gCO2eq/kWh in %s (%s), PUE %.2f%n", c.gramsPerKWh(), Table.escape(c.zone()),
                Table.escape(c.signal()), c.pue());
        out.printf(Locale.ROOT, "intensity from   %s%n", Table.escape(c.source()));
        if (modelled) {
            out.println("note             modelled = estimated by a power model, not measured: no readable energy counter "
                    + "(see 'greenloop sources')");
        }
    }
}
