package dev.greenloop.schedule;

import java.util.Arrays;

/**
 * A planned placement: a zone (an index into the job's candidate curves) and run segments as
 * {@code [start0, end0, start1, end1, ...]} in seconds since the epoch, sorted, disjoint and not touching.
 */
record Run(int zone, long[] bounds) {

    static Run single(int zone, long start, long durationSeconds) {
        return new Run(zone, new long[] {start, start + durationSeconds});
    }

    int segments() {
        return bounds.length / 2;
    }

    long end() {
        return bounds[bounds.length - 1];
    }

    /** @return grams drawing {@code powerWatts} on {@code curve} over every segment */
    double grams(Curve curve, double powerWatts) {
        double g = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            g += curve.grams(powerWatts, bounds[i], bounds[i + 1]);
        }
        return g;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Run r && r.zone == zone && Arrays.equals(r.bounds, bounds);
    }

    @Override
    public int hashCode() {
        return 31 * zone + Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return "Run[zone=" + zone + ", bounds=" + Arrays.toString(bounds) + "]";
    }
}
