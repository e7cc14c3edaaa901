package dev.greenloop.schedule;

import java.util.Arrays;

/**
 * A lower bound on a {@link BudgetProblem} by Lagrangian relaxation of its per-slot budgets (Fisher,
 * "The Lagrangian relaxation method for solving integer programming problems", Management Science
 * 1981). Measured hot path: one {@link #evaluate} prices every start of every job.
 *
 * <p>Each budget row (zone, slot) is scaled so that its limit is 1: a job counts {@code 1 / capacity}
 * against the capacity and {@code draw / budget} against the power budget. Given prices
 * {@code λ ≥ 0} per row, every job takes independently its cheapest start under
 * {@code cost + Σ share × λ} over the slots it covers (prefix sums of λ make that O(1) per start),
 * or the leave-out penalty where allowed; {@code L(λ) = Σ cheapest − Σ λ} is at most the cost of
 * every plan within the budgets. Its maximum over λ equals the LP bound of the time-indexed model.
 * Rows that no choice of starts can overfill keep {@code λ = 0}.
 */
final class Lagrangian {

    private final BudgetProblem p;
    private final int slots;
    /** Per zone, its capacity row family and its power row family, or -1. */
    private final int[] capacityRows;
    private final int[] powerRows;
    /** Per row family and job, the job's share of the limit 1. */
    private final double[][] share;
    /** Per row family and slot, whether the row can be overfilled at all. */
    private final boolean[][] active;
    private final double[][] prefix;
    /** The prices, per row family and slot. */
    final double[][] price;
    /** Of the last {@link #evaluate}: per job its cheapest option and start (-1 when left out). */
    final int[] option;
    final int[] start;
    /** Of the last {@link #evaluate}: per row family and slot, the load of the cheapest starts minus 1. */
    final double[][] subgradient;

    Lagrangian(BudgetProblem p) {
        this.p = p;
        this.slots = p.slots();
        int zones = p.zones();
        capacityRows = new int[zones];
        powerRows = new int[zones];
        int families = 0;
        for (int z = 0; z < zones; z++) {
            capacityRows[z] = p.capacity()[z] > 0 ? families++ : -1;
            powerRows[z] = p.budgetMilliwatts()[z] > 0 ? families++ : -1;
        }
        share = new double[families][p.jobs()];
        for (int j = 0; j < p.jobs(); j++) {
            for (int z = 0; z < zones; z++) {
                if (capacityRows[z] >= 0) {
                    share[capacityRows[z]][j] = 1.0 / p.capacity()[z];
                }
                if (powerRows[z] >= 0) {
                    share[powerRows[z]][j] = (double) p.demandMilliwatts()[j] / p.budgetMilliwatts()[z];
                }
            }
        }
        active = new boolean[families][slots];
        double[][] most = new double[families][slots + 1];
        for (Option o : p.options()) {
            for (int k : new int[] {capacityRows[o.zone()], powerRows[o.zone()]}) {
                if (k >= 0) {
                    // Any start of the option may cover the slot: over-counting only keeps more rows active.
                    most[k][(int) o.starts()[0]] += share[k][o.job()];
                    most[k][(int) o.starts()[o.starts().length - 1] + o.span()] -= share[k][o.job()];
                }
            }
        }
        for (int k = 0; k < families; k++) {
            double run = 0;
            for (int t = 0; t < slots; t++) {
                run += most[k][t];
                active[k][t] = run > 1 + 1e-9;
            }
        }
        price = new double[families][slots];
        prefix = new double[families][slots + 1];
        subgradient = new double[families][slots];
        option = new int[p.jobs()];
        start = new int[p.jobs()];
    }

    int families() {
        return price.length;
    }

    /**
     * Prices every start at the current {@link #price}s, keeps each job's cheapest in
     * {@link #option}/{@link #start} and the {@link #subgradient}.
     *
     * @return {@code L(λ)}, a lower bound in units on every plan within the budgets
     */
    double evaluate() {
        double value = 0;
        for (int k = 0; k < families(); k++) {
            double[] pk = prefix[k];
            double[] lk = price[k];
            for (int t = 0; t < slots; t++) {
                pk[t + 1] = pk[t] + lk[t];
            }
            value -= pk[slots];
            Arrays.fill(subgradient[k], 0);
        }
        for (int j = 0; j < p.jobs(); j++) {
            if (p.byJob()[j].length == 0) {
                option[j] = -1;
                continue;
            }
            double best = p.leaveOutPenalty() >= 0 ? p.leaveOutPenalty() : Double.POSITIVE_INFINITY;
            int bestOption = -1;
            int bestStart = -1;
            for (int i : p.byJob()[j]) {
                Option o = p.options().get(i);
                int ka = capacityRows[o.zone()];
                int kb = powerRows[o.zone()];
                double[] pa = ka >= 0 ? prefix[ka] : null;
                double[] pb = kb >= 0 ? prefix[kb] : null;
                double wa = ka >= 0 ? share[ka][j] : 0;
                double wb = kb >= 0 ? share[kb][j] : 0;
                long[] cost = p.cost()[i];
                long[] starts = o.starts();
                int span = o.span();
                for (int s = 0; s < starts.length; s++) {
                    int t = (int) starts[s];
                    double c = cost[s];
                    if (pa != null) {
                        c += wa * (pa[t + span] - pa[t]);
                    }
                    if (pb != null) {
                        c += wb * (pb[t + span] - pb[t]);
                    }
                    if (c < best) {
                        best = c;
                        bestOption = i;
                        bestStart = s;
                    }
                }
            }
            value += best;
            option[j] = bestOption;
            start[j] = bestStart;
        }
        for (int j = 0; j < p.jobs(); j++) {
            if (option[j] >= 0) {
                Option o = p.options().get(option[j]);
                int from = (int) o.starts()[start[j]];
                load(capacityRows[o.zone()], j, from, o.span());
                load(powerRows[o.zone()], j, from, o.span());
            }
        }
        for (double[] g : subgradient) {
            for (int t = 0; t < slots; t++) {
                g[t] -= 1;
            }
        }
        return value;
    }

    /** Adds job {@code j}'s share to row family {@code k} (none when -1) over {@code span} slots from {@code from}. */
    private void load(int k, int j, int from, int span) {
        if (k >= 0) {
            for (int t = from; t < from + span; t++) {
                subgradient[k][t] += share[k][j];
            }
        }
    }

    /**
     * Moves the prices along the last {@link #subgradient} by the Polyak step
     * {@code θ × (target − value) / |g|²} and projects them onto {@code λ ≥ 0} (Held, Wolfe and
     * Crowder, "Validation of subgradient optimization", Mathematical Programming 1974). Rows
     * whose price is 0 and would fall stay out of {@code |g|²}.
     *
     * @return false when the subgradient is 0 on every row that may move: the prices are optimal
     */
    boolean step(double theta, double target, double value) {
        double norm = 0;
        for (int k = 0; k < families(); k++) {
            for (int t = 0; t < slots; t++) {
                double g = subgradient[k][t];
                if (active[k][t] && (g > 0 || price[k][t] > 0)) {
                    norm += g * g;
                }
            }
        }
        if (norm == 0) {
            return false;
        }
        double step = theta * Math.max(target - value, 1e-9) / norm;
        for (int k = 0; k < families(); k++) {
            for (int t = 0; t < slots; t++) {
                if (active[k][t]) {
                    price[k][t] = Math.max(0, price[k][t] + step * subgradient[k][t]);
                }
            }
        }
        return true;
    }

    /**
     * @return per option and start, its cost at the current prices above its job's cheapest:
     *     a plan using that start costs at least {@code L(λ)} plus this much (valid after {@link #evaluate})
     */
    double[][] reducedCosts() {
        double[][] rc = new double[p.options().size()][];
        double[] cheapest = new double[p.jobs()];
        Arrays.fill(cheapest, Double.POSITIVE_INFINITY);
        for (int j = 0; j < p.jobs(); j++) {
            if (p.leaveOutPenalty() >= 0) {
                cheapest[j] = p.leaveOutPenalty();
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < rc.length; i++) {
                Option o = p.options().get(i);
                if (pass == 0) {
                    rc[i] = new double[o.starts().length];
                }
                for (int s = 0; s < rc[i].length; s++) {
                    if (pass == 0) {
                        rc[i][s] = priced(i, s);
                        cheapest[o.job()] = Math.min(cheapest[o.job()], rc[i][s]);
                    } else {
                        rc[i][s] -= cheapest[o.job()];
                    }
                }
            }
        }
        return rc;
    }

    /** @return the cost of start {@code s} of option {@code i} at the current prices (after {@link #evaluate}) */
    double priced(int i, int s) {
        Option o = p.options().get(i);
        int t = (int) o.starts()[s];
        return p.cost()[i][s] + priced(capacityRows[o.zone()], o.job(), t, o.span()) + priced(powerRows[o.zone()], o.job(), t, o.span());
    }

    /** @return job {@code j}'s share of the prices of row family {@code k} (0 when -1) over {@code span} slots from {@code t} */
    private double priced(int k, int j, int t, int span) {
        return k >= 0 ? share[k][j] * (prefix[k][t + span] - prefix[k][t]) : 0;
    }

    /** @return a copy of the prices */
    double[][] prices() {
        double[][] copy = new double[price.length][];
        for (int k = 0; k < price.length; k++) {
            copy[k] = price[k].clone();
        }
        return copy;
    }

    /** Sets the prices to a copy made by {@link #prices}. */
    void prices(double[][] saved) {
        for (int k = 0; k < price.length; k++) {
            System.arraycopy(saved[k], 0, price[k], 0, slots);
        }
    }
}
