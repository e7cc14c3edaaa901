package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greenloop.lab.Pareto.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoTest {

    private static List<String> names(List<Point> points) {
        return points.stream().map(Point::name).toList();
    }

    @Test
    void frontier_dominatedPointsLeftOut_lowestEnergyFirst() {
        List<Point> points = List.of(new Point("fp32", 0.10, 1.00), new Point("int8", 0.06, 0.99), new Point("slow-int8", 0.08, 0.99),
                new Point("static", 0.001, 0.80), new Point("bad", 0.2, 0.5), new Point("int4", 0.05, 0.70));
        // int4 is dearer and worse than static; slow-int8 ties int8's quality at more energy; bad loses to everything.
        assertEquals(List.of("static", "int8", "fp32"), names(Pareto.frontier(points)));
    }

    @Test
    void frontier_equalPoints_allKept_sameEnergyBetterQualityWins() {
        List<Point> points = List.of(new Point("b", 1, 0.9), new Point("a", 1, 0.9), new Point("c", 1, 0.8), new Point("d", 2, 0.95));
        assertEquals(List.of("a", "b", "d"), names(Pareto.frontier(points)));
    }

    @Test
    void frontier_empty_isEmpty() {
        assertEquals(List.of(), Pareto.frontier(List.of()));
    }
}
