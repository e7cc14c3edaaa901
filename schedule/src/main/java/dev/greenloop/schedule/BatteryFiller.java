package dev.greenloop.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The information battery's filler (the idea of Switzer and Raghavan, "Information Batteries:
 * Storing Opportunity Power with Speculative Execution", ACM Energy Informatics Review, 2021):
 * places precomputable jobs in the cleanest minutes their windows allow such that, in every zone
 * with a battery budget, the precomputable jobs running at any moment draw at most that budget.
 *
 * <p>Greedy list scheduling on a per-minute profile of the watts left in each budgeted zone: jobs
 * are taken one by one and each gets its exact best placement in what earlier jobs left — the
 * cheapest whole-minute start whose every minute still has room for its power (one piece), or its
 * cleanest minutes with room (a job that may be split freely, as {@link Pieces#cleanest}); the
 * cheapest allowed zone wins. Interruptible jobs with checkpoint overhead or a minimum segment run
 * in one piece here. A job is precomputed only where that is cleaner than computing it on demand
 * (which draws on no battery budget); otherwise it stays on demand. A local search follows
 * ({@link State#improve}), and the whole is repeated for four job orders (input, earliest deadline,
 * least slack, most energy), keeping the cheapest plan on the planning trace. A heuristic: exact
 * for one job and whenever the budgets do not bind; docs/information-battery.md gives its measured
 * distance from brute force on tiny cases.
 */
final class BatteryFiller {

    /** Passes of local search at most. */
    private static final int PASSES = 2;

    /** Partners per job tried in pair moves, at most (nearest window starts first). */
    private static final int PARTNERS = 8;

    private BatteryFiller() {
    }

    /**
     * A plan: per job (by index into the simulator's job list) its run, or null and the reason it
     * could not be precomputed; {@code cost} is the emissions on the planning curves, with jobs not
     * placed at their on-demand emissions.
     */
    record Plan(Run[] runs, String[] unplaced, double cost) {
    }

    /**
     * @param ids the indices of the precomputable jobs to place; their windows fit and lie inside every allowed curve
     * @param budgets per zone index, the battery budget in watts; {@link Double#POSITIVE_INFINITY} for none
     * @return the cheapest plan of the four job orders
     */
    static Plan fill(List<Job> jobs, int[] ids, Window[] windows, int[][] zonesOf, List<Curve> curves, double[] budgets) {
        boolean bounded = Arrays.stream(ids).flatMap(i -> Arrays.stream(zonesOf[i])).anyMatch(z -> budgets[z] < Double.POSITIVE_INFINITY);
        List<Comparator<Integer>> orders = new ArrayList<>();
        orders.add(Comparator.comparingInt(i -> 0));
        if (bounded) {
            orders.add(Comparator.<Integer>comparingLong(i -> windows[i].hiEnd()).thenComparingLong(i -> windows[i].lo()));
            orders.add(Comparator.comparingLong(i -> windows[i].latestStart() - windows[i].lo()));
            orders.add(Comparator.comparingDouble(i -> -jobs.get(i).powerWatts() * jobs.get(i).durationMinutes()));
        }
        // The orders are independent: planned in parallel, the first cheapest kept, so the result does not depend on threads.
        List<Plan> plans = orders.parallelStream()
                .map(order -> fillInOrder(jobs, Arrays.stream(ids).boxed().sorted(order).mapToInt(Integer::intValue).toArray(),
                        windows, zonesOf, curves, budgets))
                .toList();
        Plan best = plans.getFirst();
        for (Plan p : plans) {
            if (p.cost() < best.cost()) {
                best = p;
            }
        }
        return best;
    }

    /** @return the on-demand run of a job in its first zone: over {@code [hiEnd − D, hiEnd)} */
    static Run onDemand(Window w) {
        return Run.single(0, w.hiEnd() - w.durationSeconds(), w.durationSeconds());
    }

    private static Plan fillInOrder(List<Job> jobs, int[] sequence, Window[] windows, int[][] zonesOf, List<Curve> curves,
                                    double[] budgets) {
        State st = new State(jobs, windows, zonesOf, curves, budgets, profiles(sequence, windows, zonesOf, curves.size(), budgets));
        for (int i : sequence) {
            st.commit(i, st.best(i));
        }
        if (Arrays.stream(st.profiles).anyMatch(p -> p != null)) {
            st.improve(sequence);
        }
        double cost = 0;
        for (int i : sequence) {
            cost += st.cost[i];
        }
        return new Plan(st.runs, st.unplaced, cost);
    }

    /** Where a job would go: a run (null if none fits) with its grams on the planning curve, or the reason and its on-demand grams. */
    private record Choice(Run run, double grams, String reason) {
    }

    /** The plan being built: runs, reasons, per-job cost, and the watts left in each budgeted zone. */
    private static final class State {

        private final List<Job> jobs;
        private final Window[] windows;
        private final int[][] zonesOf;
        private final List<Curve> curves;
        private final double[] budgets;
        private final WattsLeft[] profiles;
        private final Run[] runs;
        private final String[] unplaced;
        private final double[] cost;

        State(List<Job> jobs, Window[] windows, int[][] zonesOf, List<Curve> curves, double[] budgets, WattsLeft[] profiles) {
            this.jobs = jobs;
            this.windows = windows;
            this.zonesOf = zonesOf;
            this.curves = curves;
            this.budgets = budgets;
            this.profiles = profiles;
            this.runs = new Run[jobs.size()];
            this.unplaced = new String[jobs.size()];
            this.cost = new double[jobs.size()];
        }

        /** @return job {@code i}'s cheapest placement in what the others leave, or why there is none */
        Choice best(int i) {
            Job job = jobs.get(i);
            Window w = windows[i];
            Run best = null;
            double bestIntegral = Double.POSITIVE_INFINITY;
            List<String> why = new ArrayList<>();
            for (int c = 0; c < zonesOf[i].length; c++) {
                int z = zonesOf[i][c];
                Curve curve = curves.get(z);
                if (job.powerWatts() > budgets[z] + WattsLeft.EPS) {
                    why.add("it draws %s W, more than the %s W battery budget of zone %s".formatted(watts(job.powerWatts()), watts(budgets[z]), curve.zone));
                    continue;
                }
                long[] bounds = profiles[z] == null ? unbounded(job, w, curve) : profiles[z].place(job, w, curve);
                if (bounds == null) {
                    why.add("no room left under the %s W battery budget of zone %s between %s and %s"
                            .formatted(watts(budgets[z]), curve.zone, Instant.ofEpochSecond(w.lo()), Instant.ofEpochSecond(w.hiEnd())));
                    continue;
                }
                Run r = new Run(c, bounds);
                double integral = r.grams(curve, 1000.0);
                if (integral < bestIntegral) {
                    best = r;
                    bestIntegral = integral;
                }
            }
            double onDemand = onDemand(w).grams(curves.get(zonesOf[i][0]), job.powerWatts());
            if (best == null) {
                return new Choice(null, onDemand,
                        String.join("; ", why) + "; computed on demand instead (raise the battery budget or widen its window)");
            }
            double grams = job.powerWatts() / 1000.0 * bestIntegral;
            if (!(grams < onDemand - 1e-9 * onDemand)) {
                // Precomputing only pays when it is cleaner; on demand uses no battery budget.
                return new Choice(null, onDemand, "computed on demand: just before it is needed is already as clean as the cleanest placement %s (%s g against %s g on demand)"
                        .formatted(Arrays.stream(zonesOf[i]).anyMatch(z -> profiles[z] != null) ? "left within the battery budget" : "in its window",
                                grams(grams), grams(onDemand)));
            }
            return new Choice(best, grams, null);
        }

        void commit(int i, Choice c) {
            runs[i] = c.run();
            unplaced[i] = c.reason();
            cost[i] = c.grams();
            if (c.run() != null) {
                WattsLeft p = profiles[zonesOf[i][c.run().zone()]];
                if (p != null) {
                    p.take(c.run().bounds(), jobs.get(i).powerWatts());
                }
            }
        }

        /** Takes job {@code i} out of the profiles; its run and cost stay recorded for a restore. */
        Choice release(int i) {
            Choice old = new Choice(runs[i], cost[i], unplaced[i]);
            if (runs[i] != null) {
                WattsLeft p = profiles[zonesOf[i][runs[i].zone()]];
                if (p != null) {
                    p.take(runs[i].bounds(), -jobs.get(i).powerWatts());
                }
            }
            return old;
        }

        /**
         * Local search until no move helps (at most {@link #PASSES} passes): re-place each job alone in
         * what the others leave; then, for pairs of jobs whose windows overlap in a shared zone (at most
         * {@link #PARTNERS} per job), take both out and place the other one first. A move is kept only
         * when the pair's cost falls.
         */
        void improve(int[] sequence) {
            // A job at its best placement without budget cannot gain; a pair of such jobs is not worth a move.
            double[] free = new double[jobs.size()];
            for (int i : sequence) {
                Job job = jobs.get(i);
                free[i] = Double.POSITIVE_INFINITY;
                for (int z : zonesOf[i]) {
                    free[i] = Math.min(free[i], new Run(0, unbounded(job, windows[i], curves.get(z))).grams(curves.get(z), job.powerWatts()));
                }
            }
            int[] byStart = Arrays.stream(sequence).boxed().sorted(Comparator.comparingLong(i -> windows[i].lo()))
                    .mapToInt(Integer::intValue).toArray();
            for (int pass = 0; pass < PASSES; pass++) {
                boolean better = false;
                for (int i : sequence) {
                    double before = cost[i];
                    Choice old = release(i);
                    Choice now = best(i);
                    commit(i, now.grams() < before - 1e-12 ? now : old);
                    better |= now.grams() < before - 1e-12;
                }
                for (int k = 0; k < byStart.length; k++) {
                    int b = byStart[k];
                    for (int m = k + 1, seen = 0; m < byStart.length && seen < PARTNERS
                            && windows[byStart[m]].lo() < windows[b].hiEnd(); m++) {
                        int a = byStart[m];
                        if (shareZone(a, b)) {
                            seen++;
                            // Placing one first helps only if it is worse off than without budget and the other holds room.
                            better |= (runs[a] != null && cost[b] > free[b] + 1e-9 && swap(a, b))
                                    || (runs[b] != null && cost[a] > free[a] + 1e-9 && swap(b, a));
                        }
                    }
                }
                if (!better) {
                    break;
                }
            }
        }

        /** Takes out {@code first} and {@code second}, places {@code second} then {@code first}; keeps it if cheaper. */
        private boolean swap(int first, int second) {
            double before = cost[first] + cost[second];
            Choice oldFirst = release(first);
            Choice oldSecond = release(second);
            Choice nowSecond = best(second);
            commit(second, nowSecond);
            Choice nowFirst = best(first);
            commit(first, nowFirst);
            if (nowFirst.grams() + nowSecond.grams() < before - 1e-12) {
                return true;
            }
            release(first);
            release(second);
            commit(first, oldFirst);
            commit(second, oldSecond);
            return false;
        }

        private boolean shareZone(int a, int b) {
            for (int za : zonesOf[a]) {
                for (int zb : zonesOf[b]) {
                    if (za == zb && profiles[za] != null) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** One profile per budgeted zone, spanning the windows of the jobs that may use it. */
    private static WattsLeft[] profiles(int[] ids, Window[] windows, int[][] zonesOf, int zones, double[] budgets) {
        long[] from = new long[zones];
        long[] to = new long[zones];
        Arrays.fill(from, Long.MAX_VALUE);
        Arrays.fill(to, Long.MIN_VALUE);
        for (int i : ids) {
            for (int z : zonesOf[i]) {
                from[z] = Math.min(from[z], windows[i].lo());
                to[z] = Math.max(to[z], windows[i].hiEnd());
            }
        }
        WattsLeft[] out = new WattsLeft[zones];
        for (int z = 0; z < zones; z++) {
            if (budgets[z] < Double.POSITIVE_INFINITY && from[z] < to[z]) {
                out[z] = new WattsLeft(from[z], to[z], budgets[z]);
            }
        }
        return out;
    }

    /** The job's exact best placement with no budget, as the optimal policy plans it without overhead. */
    private static long[] unbounded(Job job, Window w, Curve c) {
        if (Planner.freelySplittable(job)) {
            return Pieces.cleanest(c, w);
        }
        long s = Starts.exact(c, w).start();
        return new long[] {s, s + w.durationSeconds()};
    }

    private static String grams(double g) {
        return String.format(Locale.ROOT, "%.3f", g);
    }

    private static String watts(double w) {
        return w == Math.rint(w) && Math.abs(w) < 1e15 ? Long.toString((long) w) : String.format(Locale.ROOT, "%.3f", w);
    }
}
