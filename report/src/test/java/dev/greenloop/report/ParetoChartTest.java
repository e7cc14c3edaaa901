package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoChartTest {

    /** A sweep's worth of points: four variants × thread counts, energies over two decades. */
    static List<ParetoChart.Point> sweep() {
        List<ParetoChart.Point> points = new ArrayList<>();
        String[] variants = {"fp32", "int8", "int4", "lowrank-r64"};
        double[] cost = {4.0, 1.6, 1.1, 2.2};
        double[] quality = {1.0, 0.9987, 0.9861, 0.9932};
        for (int v = 0; v < variants.length; v++) {
            for (int t : new int[] {1, 2, 4}) {
                double j = cost[v] * 1e-3 * (t == 1 ? 1 : t == 2 ? 0.7 : 0.9) * (v == 0 && t == 4 ? 10 : 1);
                boolean on = (v == 2 && t == 2) || (v == 1 && t == 2) || (v == 0 && t == 2);
                points.add(new ParetoChart.Point("%s t%d w1 b32%s".formatted(variants[v], t, on ? " *" : ""), j,
                        quality[v] - 0.0004 * t, on));
            }
        }
        return points;
    }

    @Test
    void of_logAxisWhenEnergiesSpanMoreThan20x_everyPointLabelled() throws IOException {
        Chart c = ParetoChart.of("all-MiniLM-L6-v2", "mean cosine to fp32", 200, "measured", false, sweep());
        assertEquals(Axis.Kind.LOG, c.x().kind());
        assertEquals("energy per query, mJ (measured), log scale", c.x().title());
        assertEquals(ParetoChart.WIDTH, c.width());
        String svg = c.toSvg();
        for (ParetoChart.Point p : sweep()) {
            assertTrue(svg.contains(">" + p.label() + "</text>"), p.label());
        }
        c.write(ScheduleChartTest.out("pareto-log.png"));
        c.write(ScheduleChartTest.out("pareto-log.svg"));
    }

    @Test
    void of_linearAxisAndAccuracyInPercent() throws IOException {
        List<ParetoChart.Point> points = sweep().stream().filter(p -> !p.label().startsWith("fp32 t4")).toList();
        Chart c = ParetoChart.of("e5-small", "kNN accuracy", 120, "modelled", true, points);
        assertEquals(Axis.Kind.LINEAR, c.x().kind());
        assertEquals("leave-one-out 5-NN accuracy, %", c.panels().getFirst().y().title());
        assertTrue(c.panels().getFirst().y().max() > 99, "percent");
        c.write(ScheduleChartTest.out("pareto-linear.png"));
    }

    @Test
    void point_negativeEnergy_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new ParetoChart.Point("x", -1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> new ParetoChart.Point("x", 1, Double.NaN, false));
    }
}
