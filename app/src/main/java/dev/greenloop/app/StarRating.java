package dev.greenloop.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A 1–5 star rating per task, in the manner of AI Energy Score (Hugging Face and partners, 2025; "What do the star
 * ratings mean?", https://huggingface.github.io/AIEnergyScore/): the range of energy per query of the models rated for a
 * task, least to most, is split into five equal bands; a model in the band of least energy gets 5 stars, one in the band
 * of most energy 1 star. Here the rated rows are the report's per-query rows (model variants) of one task, so a rating
 * is relative to what was profiled, and changes when another variant is profiled.
 */
final class StarRating {

    /** The rule in one line, for the report's method. */
    static final String METHOD = "AI Energy Score's relative rating: the range of Wh per query of a task's rows, least to most, split into five"
            + " equal bands; 5 stars for the band of least energy, 1 star for the band of most; no rating for a task with one row";

    private StarRating() {
    }

    /**
     * @param wattHours energy per query of a row
     * @param least the least of its task's rows
     * @param most the most of its task's rows, at least {@code least}
     * @return 1 to 5; 5 when all rows are equal
     */
    static int stars(double wattHours, double least, double most) {
        if (!(most > least)) {
            return 5;
        }
        int band = (int) Math.floor(5 * (wattHours - least) / (most - least));
        return 5 - Math.min(4, Math.max(0, band));
    }

    /** @return the rows, in order, each rated against the others of its task */
    static List<Disclosure.PerQuery> rate(List<Disclosure.PerQuery> rows) {
        Map<String, double[]> range = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        for (Disclosure.PerQuery p : rows) {
            range.merge(p.task(), new double[] {p.wattHours(), p.wattHours()},
                    (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            count.merge(p.task(), 1, Integer::sum);
        }
        List<Disclosure.PerQuery> out = new ArrayList<>(rows.size());
        for (Disclosure.PerQuery p : rows) {
            double[] r = range.get(p.task());
            OptionalInt stars = count.get(p.task()) > 1 ? OptionalInt.of(stars(p.wattHours(), r[0], r[1])) : OptionalInt.empty();
            out.add(new Disclosure.PerQuery(p.model(), p.variant(), p.profiles(), p.wattHours(), p.grams(), p.min(), p.max(), p.provenance(), p.task(),
                    stars));
        }
        return out;
    }
}
