package dev.greenloop.cli.measure;

import dev.greenloop.meter.Greenloop;
import dev.greenloop.meter.Tracking;

/** Runs a tracked busy loop in a JVM of its own, as an application would, and prints what it got. */
public final class TrackingMain {

    private TrackingMain() {
    }

    public static void main(String[] args) {
        long sink = 0;
        Tracking t;
        try (Tracking tracking = Greenloop.track("busy-loop").tag("kind", "test")) {
            t = tracking;
            long end = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < end) {
                sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
            }
        }
        var m = t.measurement();
        System.out.println("total=" + m.total().joules());
        System.out.println("process=" + m.processEnergy().joules());
        System.out.println("dynamic=" + m.dynamicEnergy().joules());
        System.out.println("provenance=" + m.provenance().label());
        System.out.println("runId=" + t.recorded().map(r -> Long.toString(r.runId())).orElse("none"));
        System.out.println("grams=" + t.recorded().map(r -> Double.toString(r.grams())).orElse("none"));
        System.out.println("sink=" + (sink & 1));
    }
}
