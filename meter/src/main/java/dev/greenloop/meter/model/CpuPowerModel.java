package dev.greenloop.meter.model;

import java.util.List;

/**
 * CPU power as a function of utilisation: a best estimate from one scaled curve, and a range from
 * the lowest and highest of several plausible scaled curves. Immutable.
 *
 * @param description one human line: what model, which coefficients
 * @param best the curve and scale behind the estimate
 * @param alternatives the curves and scales whose spread gives the range; {@code best} is among them implicitly
 */
record CpuPowerModel(String description, Scaled best, List<Scaled> alternatives) {

    /**
     * A curve times a reference power.
     *
     * @param curve the factor by utilisation
     * @param watts the reference power the factor multiplies
     */
    record Scaled(PowerCurve curve, double watts) {
        double at(double utilisation) {
            return watts * curve.at(utilisation);
        }
    }

    CpuPowerModel {
        alternatives = List.copyOf(alternatives);
    }

    /** @return {best, min, max} watts at {@code utilisation} */
    double[] watts(double utilisation) {
        double b = best.at(utilisation);
        double lo = b;
        double hi = b;
        for (Scaled s : alternatives) {
            double w = s.at(utilisation);
            lo = Math.min(lo, w);
            hi = Math.max(hi, w);
        }
        return new double[] {b, lo, hi};
    }
}
