package dev.greenloop.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The energy-versus-quality frontier: the points that no other point beats on both, less energy
 * per query and more quality.
 */
public final class Pareto {

    private Pareto() {
    }

    /**
     * One variant at one setting.
     *
     * @param name what it is, such as {@code int8 threads=1 batch=32 spin=off}
     * @param joulesPerQuery its energy per query, at least 0
     * @param quality its quality, higher is better (mean cosine to fp32, or kNN accuracy)
     */
    public record Point(String name, double joulesPerQuery, double quality) {

        /** @throws IllegalArgumentException naming the point if a figure is not a number or the energy is negative */
        public Point {
            if (!(joulesPerQuery >= 0) || Double.isNaN(quality)) {
                throw new IllegalArgumentException("point %s: energy %s J/query and quality %s must be numbers, the energy at least 0"
                        .formatted(name, joulesPerQuery, quality));
            }
        }
    }

    /**
     * The frontier: every point for which no other has at most its energy and at least its
     * quality, and is better in one of the two. Points equal in both are all kept.
     *
     * @param points any points
     * @return the frontier, lowest energy first (then highest quality, then name); a new list
     */
    public static List<Point> frontier(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::joulesPerQuery).thenComparing(Comparator.comparingDouble(Point::quality).reversed())
                .thenComparing(Point::name));
        List<Point> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        Point last = null;
        for (Point p : sorted) {
            // Sorted by energy, a point is on the frontier when it beats the quality of every cheaper
            // one, or ties the last frontier point exactly.
            if (p.quality() > best || last != null && p.quality() == last.quality() && p.joulesPerQuery() == last.joulesPerQuery()) {
                front.add(p);
                best = Math.max(best, p.quality());
                last = p;
            }
        }
        return front;
    }
}
