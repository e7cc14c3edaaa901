package dev.greenloop.report;

import java.util.List;
import java.util.Objects;

/**
 * One plot area of a chart, stacked with the others under the same x axis.
 *
 * @param y its y axis
 * @param weight its share of the chart's height, relative to the other panels' weights
 * @param series what it draws, first drawn first (underneath)
 */
public record Panel(Axis y, double weight, List<Series> series) {

    /**
     * @throws IllegalArgumentException if the weight is not {@code > 0}, bars are put on an axis that is not of lanes or
     *         other series on one that is
     */
    public Panel {
        Objects.requireNonNull(y, "y");
        series = List.copyOf(series);
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("panel %s: weight must be a finite number > 0, was %s".formatted(y.title(), weight));
        }
        for (Series s : series) {
            if ((s instanceof Series.Bars) != (y.kind() == Axis.Kind.LANES)) {
                throw new IllegalArgumentException("panel %s: bars go on a lanes axis and only there, found %s on a %s axis"
                        .formatted(y.title(), s.getClass().getSimpleName(), y.kind()));
            }
        }
    }
}
