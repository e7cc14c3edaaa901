package dev.greenloop.schedule;

import java.util.List;

/**
 * The start-time grid of the coupled model: slots of {@code stepSeconds} from {@code origin}, the
 * coarsest grid on which every trace point of every curve falls (the gcd of all their offsets).
 * Starts on this grid make the capacity and power constraints exact per slot: no job starts
 * inside a slot, so every job that runs at any time in slot {@code k} runs at its first instant.
 */
record Grid(long origin, long stepSeconds) {

    static Grid of(List<Curve> curves) {
        long origin = Long.MAX_VALUE;
        for (Curve c : curves) {
            origin = Math.min(origin, c.start());
        }
        long g = 0;
        for (Curve c : curves) {
            for (long t : c.t) {
                g = gcd(g, t - origin);
            }
        }
        return new Grid(origin, g == 0 ? 60 : g);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return Math.abs(a);
    }

    /** @return the first slot starting at or after {@code epochSecond} */
    long slotAtOrAfter(long epochSecond) {
        return Math.ceilDiv(epochSecond - origin, stepSeconds);
    }

    /** @return the last slot starting at or before {@code epochSecond} */
    long slotAtOrBefore(long epochSecond) {
        return Math.floorDiv(epochSecond - origin, stepSeconds);
    }

    /** @return when {@code slot} starts, seconds since the epoch */
    long at(long slot) {
        return origin + slot * stepSeconds;
    }

    /** @return how many slots a run of {@code seconds} touches when it starts on a slot boundary */
    int span(long seconds) {
        return (int) Math.ceilDiv(seconds, stepSeconds);
    }

    long minutes() {
        return stepSeconds / 60;
    }
}
