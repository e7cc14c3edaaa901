package dev.greenloop.meter.model;

import dev.greenloop.meter.spi.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the CPU power model for this node from its {@code model name} and logical CPU count, and
 * says why in a finding. Immutable.
 *
 * @param model the chosen model
 * @param finding a {@code USED} finding naming the model, coefficients and sources
 */
record CpuModelChoice(CpuPowerModel model, Finding finding) {

    static final String FIX = "set nothing; measured figures need a readable RAPL counter (see the rapl finding)";

    /**
     * @param table the CPU table
     * @param modelName {@code model name} from cpuinfo, if any
     * @param logicalCpus logical CPUs this node sees
     */
    static CpuModelChoice choose(CpuTable table, Optional<String> modelName, int logicalCpus) {
        String shown = modelName.orElse("(none)");
        String subject = "cpuinfo model name '" + shown + "', " + logicalCpus + " logical CPUs";
        Optional<CpuSpec> spec = modelName.flatMap(table::find);
        if (spec.isPresent()) {
            return known(spec.get(), logicalCpus, subject);
        }
        return unknown(table, shown, logicalCpus, subject);
    }

    private static CpuModelChoice known(CpuSpec spec, int logicalCpus, String subject) {
        // A VM sees only some of a socket's threads; its share of the socket's power is the share of
        // threads it sees. More threads than one socket has means several sockets.
        double share = logicalCpus / (double) spec.threads();
        double tdp = spec.tdpWatts() * share;
        List<CpuPowerModel.Scaled> alternatives = new ArrayList<>();
        for (double watts : new double[] {spec.tdpMinWatts() * share, tdp, spec.tdpMaxWatts() * share}) {
            alternatives.add(new CpuPowerModel.Scaled(PowerCurve.TEADS, watts));
            alternatives.add(new CpuPowerModel.Scaled(PowerCurve.CCF_AWS_SHAPE, watts));
            alternatives.add(new CpuPowerModel.Scaled(PowerCurve.CCF_GCP_SHAPE, watts));
        }
        CpuPowerModel model = new CpuPowerModel("utilisation × TDP curve, " + spec.model(),
                new CpuPowerModel.Scaled(PowerCurve.TEADS, tdp), alternatives);
        String detail = "modelled: %s TDP %s W (%s), %d of %d threads visible → %s W scaled TDP; %s; %s"
                .formatted(spec.model(), fmt(spec.tdpWatts()), spec.source(), logicalCpus, spec.threads(), fmt(tdp),
                        PowerCurve.TEADS.name(), range(model));
        return new CpuModelChoice(model, new Finding("cpu-model", Finding.Status.USED, subject, detail, FIX));
    }

    private static CpuModelChoice unknown(CpuTable table, String shown, int logicalCpus, String subject) {
        double q1 = table.wattsPerThreadQuantile(0.25);
        double q3 = table.wattsPerThreadQuantile(0.75);
        CpuPowerModel model = new CpuPowerModel("utilisation × default per-vCPU curve, CPU '" + shown + "' not in table",
                new CpuPowerModel.Scaled(PowerCurve.CCF_AWS_PER_VCPU, logicalCpus),
                List.of(new CpuPowerModel.Scaled(PowerCurve.CCF_GCP_PER_VCPU, logicalCpus),
                        new CpuPowerModel.Scaled(PowerCurve.TEADS, q1 * logicalCpus),
                        new CpuPowerModel.Scaled(PowerCurve.TEADS, q3 * logicalCpus)));
        String detail = ("CPU model '%s' not in the table: default %s × %d logical CPUs (Cloud Carbon Footprint, from SPECpower); "
                + "range also spans CCF GCP medians and the Teads curve at %s–%s W TDP per thread (table quartiles); %s")
                .formatted(shown, PowerCurve.CCF_AWS_PER_VCPU.name(), logicalCpus, fmt(q1), fmt(q3), range(model));
        String fix = "set nothing; a row for this CPU in cpu-tdp.csv would narrow the range; measured figures need a readable RAPL counter (see the rapl finding)";
        return new CpuModelChoice(model, new Finding("cpu-model", Finding.Status.USED, subject, detail, fix));
    }

    private static String range(CpuPowerModel model) {
        double[] idle = model.watts(0);
        double[] full = model.watts(1);
        return "idle %s W (%s–%s), full load %s W (%s–%s)".formatted(
                fmt(idle[0]), fmt(idle[1]), fmt(idle[2]), fmt(full[0]), fmt(full[1]), fmt(full[2]));
    }

    static String fmt(double watts) {
        return String.format(Locale.ROOT, watts >= 100 ? "%.0f" : watts >= 10 ? "%.1f" : "%.2f", watts);
    }
}
