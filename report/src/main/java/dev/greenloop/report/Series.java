package dev.greenloop.report;

import java.util.List;
import java.util.Objects;

/**
 * What a panel draws, in its data coordinates (x on the chart's axis, y on the panel's). Immutable: arrays are copied in
 * and out.
 * Lines, steps and scatters need a numeric or time y axis; bars need a lanes axis.
 */
public sealed interface Series permits Series.Line, Series.Step, Series.Scatter, Series.Bars {

    /** @return the series' colour */
    Rgb color();

    /**
     * A polyline through the points in order.
     *
     * @param color its colour
     * @param width stroke width in pixels, {@code > 0}
     * @param xs the points' x values
     * @param ys the points' y values, as many as {@code xs}
     */
    record Line(Rgb color, double width, double[] xs, double[] ys) implements Series {
        /** @throws IllegalArgumentException if the arrays differ in length or the width is not {@code > 0} */
        public Line {
            Objects.requireNonNull(color, "color");
            xs = xs.clone();
            ys = ys.clone();
            same(xs, ys, width);
        }

        /** @return a copy of the x values */
        @Override
        public double[] xs() {
            return xs.clone();
        }

        /** @return a copy of the y values */
        @Override
        public double[] ys() {
            return ys.clone();
        }
    }

    /**
     * A step function: the value {@code ys[i]} holds from {@code xs[i]} to {@code xs[i + 1]}, the last one to the x
     * axis's end; drawn as a horizontal run then a vertical rise at each x.
     *
     * @param color its colour
     * @param width stroke width in pixels, {@code > 0}
     * @param xs where each level starts, increasing
     * @param ys the levels, as many as {@code xs}
     */
    record Step(Rgb color, double width, double[] xs, double[] ys) implements Series {
        /** @throws IllegalArgumentException if the arrays differ in length or the width is not {@code > 0} */
        public Step {
            Objects.requireNonNull(color, "color");
            xs = xs.clone();
            ys = ys.clone();
            same(xs, ys, width);
        }

        /** @return a copy of the x values */
        @Override
        public double[] xs() {
            return xs.clone();
        }

        /** @return a copy of the y values */
        @Override
        public double[] ys() {
            return ys.clone();
        }
    }

    /**
     * Points drawn as circles of radius 5, each with its label placed beside it where no other point or label is
     * (joined to it by a thin line when moved away); points outside the axes are drawn at their edge.
     *
     * @param color its colour
     * @param filled filled discs, else rings
     * @param xs the points' x values
     * @param ys the points' y values
     * @param labels one label per point, or none at all
     */
    record Scatter(Rgb color, boolean filled, double[] xs, double[] ys, List<String> labels) implements Series {
        /** @throws IllegalArgumentException if the arrays differ in length, or there are labels but not one per point */
        public Scatter {
            Objects.requireNonNull(color, "color");
            xs = xs.clone();
            ys = ys.clone();
            labels = List.copyOf(labels);
            same(xs, ys, 1);
            if (!labels.isEmpty() && labels.size() != xs.length) {
                throw new IllegalArgumentException("scatter: %d labels for %d points".formatted(labels.size(), xs.length));
            }
        }

        /** @return a copy of the x values */
        @Override
        public double[] xs() {
            return xs.clone();
        }

        /** @return a copy of the y values */
        @Override
        public double[] ys() {
            return ys.clone();
        }
    }

    /**
     * Bars across lanes: each from {@code from} to {@code to} on the x axis, at least 2 pixels wide, 60 % of its lane high.
     *
     * @param color their colour
     * @param bars the bars
     */
    record Bars(Rgb color, List<Bar> bars) implements Series {
        /** @throws NullPointerException if an argument is null */
        public Bars {
            Objects.requireNonNull(color, "color");
            bars = List.copyOf(bars);
        }
    }

    /**
     * One bar.
     *
     * @param lane its lane, from 0 (the top)
     * @param from where it starts on the x axis
     * @param to where it ends, {@code >= from}
     */
    record Bar(int lane, double from, double to) {
        /** @throws IllegalArgumentException if the lane is negative or {@code to < from} */
        public Bar {
            if (lane < 0 || !(to >= from)) {
                throw new IllegalArgumentException("bar: lane %d from %s to %s; needs lane >= 0 and to >= from".formatted(lane, from, to));
            }
        }
    }

    private static void same(double[] xs, double[] ys, double width) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("series: %d x values but %d y values".formatted(xs.length, ys.length));
        }
        if (!(width > 0)) {
            throw new IllegalArgumentException("series: stroke width must be > 0, was " + width);
        }
    }
}
