package dev.greenloop.meter.model;

import java.util.Arrays;

/**
 * A published power curve: a factor of some reference power as a piecewise-linear function of CPU
 * utilisation between 0 and 1. Immutable.
 */
final class PowerCurve {

    /**
     * The Teads curve: power as a share of TDP at 0, 10, 50 and 100 % load is 0.12, 0.32, 0.75 and
     * 1.02, from RAPL measurements of AWS bare-metal instances (B. Davy, "Building an AWS EC2 Carbon
     * Emissions Dataset", Teads Engineering, 2021; also the Green Software Foundation Impact
     * Framework's default CPU curve).
     */
    static final PowerCurve TEADS = new PowerCurve("Teads TDP-ratio curve (Davy 2021)",
            new double[] {0, 0.10, 0.50, 1.00}, new double[] {0.12, 0.32, 0.75, 1.02});

    /** Cloud Carbon Footprint's AWS averages: 0.74 W per vCPU idle to 3.5 W at full load, linear (CCF AwsFootprintEstimationConstants.ts, MIN/MAX_WATTS_AVG, from SPECpower). */
    static final PowerCurve CCF_AWS_PER_VCPU = linear("Cloud Carbon Footprint AWS average 0.74–3.5 W per vCPU", 0.74, 3.5);

    /** Cloud Carbon Footprint's GCP medians: 0.68 to 4.11 W per vCPU, linear (CCF GcpFootprintEstimationConstants.ts, MIN/MAX_WATTS_MEDIAN, from SPECpower). */
    static final PowerCurve CCF_GCP_PER_VCPU = linear("Cloud Carbon Footprint GCP median 0.68–4.11 W per vCPU", 0.68, 4.11);

    /** The shape of {@link #CCF_AWS_PER_VCPU} as a share of full-load power: 0.74/3.5 idle, 1 at full load. */
    static final PowerCurve CCF_AWS_SHAPE = linear("CCF AWS linear shape", 0.74 / 3.5, 1.0);

    /** The shape of {@link #CCF_GCP_PER_VCPU} as a share of full-load power: 0.68/4.11 idle, 1 at full load. */
    static final PowerCurve CCF_GCP_SHAPE = linear("CCF GCP linear shape", 0.68 / 4.11, 1.0);

    private final String name;
    private final double[] x;
    private final double[] y;

    PowerCurve(String name, double[] x, double[] y) {
        if (x.length < 2 || x.length != y.length || x[0] != 0 || x[x.length - 1] != 1) {
            throw new IllegalArgumentException("curve " + name + " must span utilisation 0..1 with matching points");
        }
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("curve " + name + ": utilisation points must increase, were " + Arrays.toString(x));
            }
        }
        this.name = name;
        this.x = x.clone();
        this.y = y.clone();
    }

    static PowerCurve linear(String name, double atIdle, double atFull) {
        return new PowerCurve(name, new double[] {0, 1}, new double[] {atIdle, atFull});
    }

    String name() {
        return name;
    }

    /** @return the curve's factor at {@code utilisation}, clamped to 0..1 first */
    double at(double utilisation) {
        double u = Math.clamp(utilisation, 0.0, 1.0);
        for (int i = 1; i < x.length; i++) {
            if (u <= x[i]) {
                return y[i - 1] + (u - x[i - 1]) / (x[i] - x[i - 1]) * (y[i] - y[i - 1]);
            }
        }
        return y[y.length - 1];
    }
}
