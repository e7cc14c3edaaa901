package dev.greenloop.schedule;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The {@code optimal} policy under capacity and power budgets: every job runs in one piece
 * (interruptible ones too) and starts on the {@link Grid}; per job and allowed zone an
 * {@link Option} lists its grid starts with their emissions. Within one time limit for all of it:
 *
 * <ol>
 * <li>a greedy plan — jobs with the fewest starts first, each at its cheapest start that still
 *     fits — comes first, and decides whether a job may be left out (only when it must leave one
 *     out), at a penalty above all emissions together;</li>
 * <li>a {@link Lagrangian} relaxation of the per-slot budgets, maximised by subgradient steps,
 *     gives the lower bound, and from its prices {@link PlanSearch} builds plans and improves them
 *     by local search on the true costs;</li>
 * <li>unless that already proves the best plan optimal, every start whose Lagrangian reduced cost
 *     exceeds the gap is dropped (no plan using it can be better than the best one; Beasley,
 *     "Lagrangean relaxation", in Modern Heuristic Techniques for Combinatorial Problems, 1993) and
 *     {@link CpSatPlanner} searches the rest from the best plan for the remaining time.</li>
 * </ol>
 *
 * <p>Costs are emissions in integer units of {@code max emissions of any start / }{@value
 * CpSatPlanner#UNITS}, each rounded to the nearest unit; the report gives grams.
 */
final class CoupledPlanner {

    /** The share of the time limit the Lagrangian phase may take, at most. */
    static final double LAGRANGIAN_SHARE = 0.5;
    /** Below this step factor the subgradient phase is over: it no longer moves the bound. */
    private static final double SMALLEST_THETA = 1e-4;
    /** Iterations without a better bound before the step factor halves. */
    private static final int PATIENCE = 30;
    /**
     * CP-SAT searches on when at most this many starts are left after reduced-cost fixing; above,
     * ruin and recreate does. On 110,000 starts (1,000 jobs) CP-SAT found neither a better plan nor
     * a bound in 17 s on 2 cores.
     */
    static final int CP_SAT_MOST_STARTS = 20_000;
    /** Restarts multiply each best price by a factor drawn from {@code 1 ± s}, {@code s} uniform in [0, this). */
    private static final double MOST_SPREAD = 0.05;

    private CoupledPlanner() {
    }

    /**
     * Plans every job without a problem; fills {@code runs} and, for a job that cannot be placed
     * under the budgets, {@code problems}.
     *
     * @param curves the planning curves, one per zone; budgets name zones by {@link Curve#zone}
     * @return how the planning fared; its wall time is bounded by the coupling's time limit plus
     *     building the options (and, when it comes to that, the CP-SAT model)
     * @throws IllegalStateException if the solver rejects the model (a bug: leaving a job out is always allowed)
     */
    static SolverReport plan(List<Job> jobs, Window[] windows, int[][] zonesOf, String[] problems, List<Curve> curves,
                             Coupling coupling, Run[] runs) {
        return plan(jobs, windows, zonesOf, problems, curves, coupling, runs, CP_SAT_MOST_STARTS);
    }

    /** As {@link #plan(List, Window[], int[][], String[], List, Coupling, Run[])}, with CP-SAT only up to {@code cpSatMostStarts}. */
    static SolverReport plan(List<Job> jobs, Window[] windows, int[][] zonesOf, String[] problems, List<Curve> curves,
                             Coupling coupling, Run[] runs, int cpSatMostStarts) {
        long t0 = System.nanoTime();
        long deadline = t0 + coupling.timeLimit().toNanos();
        Grid grid = Grid.of(curves);
        BudgetProblem all = BudgetProblem.of(jobs, windows, zonesOf, problems, curves, coupling, grid);
        if (all.options().isEmpty()) {
            return new SolverReport("OPTIMAL", 0, 0, 0, grid.minutes(), (System.nanoTime() - t0) / 1e9, "none", 0);
        }
        double unitGrams = all.unitGrams();
        PlanSearch search = new PlanSearch(all);
        search.construct(order(all, false), null);
        int[] bestOption = search.option.clone();
        int[] bestStart = search.start.clone();
        // Leaving a job out costs a penalty above all emissions; offered only when the greedy plan
        // needs it, because that penalty weakens every bound by orders of magnitude.
        boolean mayLeaveOut = IntStream.range(0, all.jobs()).anyMatch(j -> all.byJob()[j].length > 0 && bestOption[j] < 0);
        BudgetProblem p = mayLeaveOut ? all.withLeaveOut() : all;
        if (mayLeaveOut) {
            search = new PlanSearch(p);
            search.set(bestOption, bestStart);
        }
        Planning planning = new Planning(p, search, t0);
        planning.relax(t0 + (long) (LAGRANGIAN_SHARE * coupling.timeLimit().toNanos()), deadline);
        planning.finish(deadline, cpSatMostStarts);
        boolean optimal = planning.bound >= planning.best;
        for (int j = 0; j < p.jobs(); j++) {
            if (planning.option[j] >= 0) {
                Option o = planning.planned.options().get(planning.option[j]);
                runs[j] = Run.single(o.choice(), grid.at(o.starts()[planning.start[j]]), windows[j].durationSeconds());
            } else if (p.byJob()[j].length > 0) {
                problems[j] = "no room left under the capacity and power budgets in its window%s; raise a budget or move the deadline"
                        .formatted(optimal ? " (proven)" : " (none found within the time limit)");
            }
        }
        double gap = planning.best > 0 ? 100.0 * (planning.best - planning.bound) / planning.best : 0;
        return new SolverReport(optimal ? "OPTIMAL" : "FEASIBLE", planning.best * unitGrams, planning.bound * unitGrams,
                Math.max(0, gap), grid.minutes(), (System.nanoTime() - t0) / 1e9, planning.boundMethod, planning.iterations);
    }

    /** The state of one planning: the best plan and bound so far, and how they were found. */
    private static final class Planning {

        private final BudgetProblem p;
        private final PlanSearch search;
        private final Lagrangian relaxation;
        private final long t0;
        private final int[] longestFirst;
        /** The best plan: its cost, and per job its option and start in {@link #planned}'s indices. */
        long best;
        final int[] option;
        final int[] start;
        BudgetProblem planned;
        /** The best bound: units, and what proved it. */
        long bound = Long.MIN_VALUE;
        String boundMethod = "lagrangian";
        double[][] bestPrices;
        double bestValue = Double.NEGATIVE_INFINITY;
        long iterations;

        Planning(BudgetProblem p, PlanSearch search, long t0) {
            this.p = p;
            this.search = search;
            this.t0 = t0;
            this.relaxation = new Lagrangian(p);
            this.longestFirst = order(p, true);
            this.planned = p;
            best = search.objective();
            option = search.option.clone();
            start = search.start.clone();
            bestPrices = relaxation.prices();
            log(t0, "greedy plan %d", best);
        }

        /** Keeps the search's current plan if it is the best. */
        private void offer(String what) {
            long o = search.objective();
            log(t0, "%s: plan %d (best %d)", what, o, best);
            if (o < best) {
                best = o;
                System.arraycopy(search.option, 0, option, 0, option.length);
                System.arraycopy(search.start, 0, start, 0, start.length);
            }
        }

        /**
         * Maximises the Lagrangian bound by subgradient steps until {@code phaseEnd}, the step
         * factor {@code θ} runs out or the bound meets the best plan; builds plans from the prices
         * on the way, spending at most a third of the time on them, and from the best prices at the
         * end, before {@code deadline}.
         */
        void relax(long phaseEnd, long deadline) {
            double theta = 1;
            int stall = 0;
            long lastPrimal = 0;
            long primalNanos = 0;
            long primalAt = System.nanoTime();
            while (System.nanoTime() < phaseEnd && theta >= SMALLEST_THETA) {
                double value = relaxation.evaluate();
                iterations++;
                if (value > bestValue) {
                    bestValue = value;
                    bestPrices = relaxation.prices();
                    stall = 0;
                } else if (++stall >= PATIENCE) {
                    theta /= 2;
                    stall = 0;
                }
                if (ceil(bestValue) >= best) {
                    break;
                }
                long now = System.nanoTime();
                if (iterations - lastPrimal >= 200 && now - primalAt >= 2 * primalNanos) {
                    search.construct(longestFirst, relaxation::priced);
                    search.improve(phaseEnd);
                    offer("iteration %d, bound %.0f, theta %.5f".formatted(iterations, bestValue, theta));
                    lastPrimal = iterations;
                    primalAt = System.nanoTime();
                    primalNanos = primalAt - now;
                }
                if (!relaxation.step(theta, best, value)) {
                    break;
                }
            }
            relaxation.prices(bestPrices);
            bestValue = relaxation.evaluate();
            log(t0, "lagrangian phase over after %d iterations: bound %.0f, theta %.5f", iterations, bestValue, theta);
            if (ceil(bestValue) < best) {
                search.construct(longestFirst, relaxation::priced);
                search.improve(deadline);
                offer("from the best prices");
            }
            bound = Math.min(ceil(bestValue), best);
        }

        /**
         * Until {@code deadline}, unless the bound already meets the best plan: CP-SAT on the starts
         * that reduced-cost fixing leaves when they are at most {@code cpSatMostStarts}, else restarts.
         */
        void finish(long deadline, int cpSatMostStarts) {
            if (bound >= best || System.nanoTime() >= deadline) {
                return;
            }
            double[][] reducedCost = relaxation.reducedCosts();
            // A start whose reduced cost exceeds the gap is in no plan cheaper than the best one.
            double gap = best - bestValue;
            double slack = gap + 1e-6 * Math.abs(gap) + 1;
            long starts = Arrays.stream(reducedCost).mapToLong(r -> Arrays.stream(r).filter(c -> c <= slack).count()).sum();
            log(t0, "reduced-cost fixing keeps %d of %d starts", starts, Arrays.stream(p.cost()).mapToInt(c -> c.length).sum());
            if (starts > cpSatMostStarts) {
                restarts(deadline);
            } else if (System.nanoTime() < deadline - 1_000_000_000L) {
                int[] keptOption = option.clone();
                int[] keptStart = start.clone();
                BudgetProblem fewer = p.keeping(reducedCost, slack, keptOption, keptStart);
                planned = fewer;
                CpSatPlanner.Result r = CpSatPlanner.solve(fewer, keptOption, keptStart, deadline);
                log(t0, "cp-sat: plan %d, bound %d, optimal %s", r.objective(), r.bound(), r.optimal());
                // The solver's answer is the kept plan when it found nothing better.
                boolean better = r.objective() <= best;
                best = Math.min(best, r.objective());
                System.arraycopy(better ? r.option() : keptOption, 0, option, 0, option.length);
                System.arraycopy(better ? r.start() : keptStart, 0, start, 0, start.length);
                if (r.optimal()) {
                    bound = best;
                }
                if (r.bound() > bound) {
                    bound = Math.min(r.bound(), best);
                    boundMethod = "cp-sat";
                }
            }
        }

        /**
         * Plans from prices near the best ones until {@code deadline}: the cheapest starts shift a
         * little, and the search ends elsewhere; every other one also shuffles the order a little.
         */
        private void restarts(long deadline) {
            Random random = new Random(1);
            long steps = 0;
            while (System.nanoTime() < deadline && best > bound) {
                double spread = MOST_SPREAD * random.nextDouble();
                for (int k = 0; k < bestPrices.length; k++) {
                    for (int t = 0; t < bestPrices[k].length; t++) {
                        relaxation.price[k][t] = bestPrices[k][t] * (1 + spread * (2 * random.nextDouble() - 1));
                    }
                }
                relaxation.evaluate();
                int[] order = longestFirst;
                if (steps % 2 == 1) {
                    // Every other restart swaps neighbours in the order, each pair with probability 1/3.
                    order = longestFirst.clone();
                    for (int k = 0; k + 1 < order.length; k++) {
                        if (random.nextInt(3) == 0) {
                            int swap = order[k];
                            order[k] = order[k + 1];
                            order[k + 1] = swap;
                        }
                    }
                }
                search.construct(order, relaxation::priced);
                search.improve(deadline);
                offer("restart " + ++steps);
            }
        }
    }

    /** With {@code -Dgreenloop.cpsat.log=true}, prints the progress of planning to standard error. */
    private static void log(long t0, String format, Object... args) {
        if (Boolean.getBoolean("greenloop.cpsat.log")) {
            System.err.printf(java.util.Locale.ROOT, "%6.2f s  %s%n", (System.nanoTime() - t0) / 1e9, format.formatted(args));
        }
    }

    /** @return the least whole number of units at or above {@code bound}, allowing for rounding in its sum */
    private static long ceil(double bound) {
        return (long) Math.ceil(bound - 1e-9 * Math.abs(bound) - 1e-6);
    }

    private static void copy(PlanSearch search, int[] option, int[] start) {
        System.arraycopy(search.option, 0, option, 0, option.length);
        System.arraycopy(search.start, 0, start, 0, start.length);
    }

    /**
     * @return the jobs with the fewest starts first, the longest first among equals; or, with
     *     {@code longest}, the longest first, the fewest starts first among equals
     */
    private static int[] order(BudgetProblem p, boolean longest) {
        int[] span = new int[p.jobs()];
        int[] choices = new int[p.jobs()];
        for (int j = 0; j < p.jobs(); j++) {
            for (int i : p.byJob()[j]) {
                span[j] = Math.max(span[j], p.options().get(i).span());
                choices[j] += p.options().get(i).starts().length;
            }
        }
        Comparator<Integer> byLength = Comparator.comparingInt(j -> -span[j]);
        Comparator<Integer> byChoices = Comparator.comparingInt(j -> choices[j]);
        return IntStream.range(0, p.jobs()).boxed()
                .sorted(longest ? byLength.thenComparing(byChoices) : byChoices.thenComparing(byLength))
                .mapToInt(Integer::intValue).toArray();
    }

}
