package dev.greenloop.schedule;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.CumulativeConstraint;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.IntervalVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import com.google.ortools.util.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code optimal} policy under capacity and power budgets: one CP-SAT model for all jobs.
 *
 * <p>Every job runs in one piece (interruptible ones too) and starts on the {@link Grid}. Per job
 * and allowed zone an {@link Option} holds one Boolean per grid start; exactly one start of one
 * option is chosen, or the job is left out at a penalty larger than all emissions together. Each
 * option is an optional fixed-size interval whose start the chosen Boolean fixes; per zone,
 * {@code addCumulative} bounds the running jobs by the capacity (demand 1) and their draw by the
 * power budget (demand in milliwatts, rounded up; the budget rounded down). The same budgets are
 * also stated per grid slot as linear constraints over the start Booleans — exact on the grid and
 * redundant with the cumulatives, but they give the solver's LP a strong lower bound. The
 * objective is the sum of emissions on the planning curve, in integer units of
 * {@code max emissions of any start / }{@value #UNITS}, each rounded to the nearest unit. The
 * solver starts from {@link GreedyFit}'s plan, so a feasible plan exists from the first moment.
 */
final class CpSatPlanner {

    /** The dearest start of any job costs this many units in the objective. */
    static final long UNITS = 1_000_000;

    private CpSatPlanner() {
    }

    /**
     * Plans every job without a problem; fills {@code runs} and, for a job that cannot be placed
     * under the budgets, {@code problems}.
     *
     * @param curves the planning curves, one per zone; budgets name zones by {@link Curve#zone}
     * @return how the solver fared
     * @throws IllegalStateException if the solver rejects the model (a bug: leaving a job out is always allowed)
     */
    static SolverReport plan(List<Job> jobs, Window[] windows, int[][] zonesOf, String[] problems, List<Curve> curves,
                             Coupling coupling, Run[] runs) {
        long t0 = System.nanoTime();
        Grid grid = Grid.of(curves);
        int zones = curves.size();
        long[] capacity = new long[zones];
        long[] budget = new long[zones];
        Arrays.fill(capacity, -1);
        Arrays.fill(budget, -1);
        for (int z = 0; z < zones; z++) {
            String name = curves.get(z).zone;
            capacity[z] = coupling.capacity().getOrDefault(name, -1);
            Double watts = coupling.powerBudgetWatts().get(name);
            budget[z] = watts == null ? -1 : (long) Math.floor(watts * 1000 + 1e-6);
        }
        int n = jobs.size();
        long[] demand = new long[n];
        List<Option> options = new ArrayList<>();
        int[][] byJob = new int[n][];
        int slots = 0;
        for (int j = 0; j < n; j++) {
            byJob[j] = new int[0];
            if (problems[j] != null) {
                continue;
            }
            Job job = jobs.get(j);
            demand[j] = (long) Math.ceil(job.powerWatts() * 1000 - 1e-6);
            List<Integer> mine = new ArrayList<>();
            List<String> why = new ArrayList<>();
            for (int c = 0; c < zonesOf[j].length; c++) {
                int z = zonesOf[j][c];
                String name = curves.get(z).zone;
                if (capacity[z] == 0) {
                    why.add("zone %s has capacity 0".formatted(name));
                } else if (budget[z] >= 0 && demand[j] > budget[z]) {
                    why.add("it draws %s W, more than the %s W power budget of zone %s"
                            .formatted(job.powerWatts(), coupling.powerBudgetWatts().get(name), name));
                } else {
                    Option o = option(j, c, z, job, windows[j], grid, curves.get(z));
                    if (o == null) {
                        why.add("no start on the %d-minute grid of the model fits its window in zone %s".formatted(grid.minutes(), name));
                    } else {
                        mine.add(options.size());
                        options.add(o);
                        slots = (int) Math.max(slots, o.starts()[o.starts().length - 1] + o.span());
                    }
                }
            }
            if (mine.isEmpty()) {
                problems[j] = "cannot run under the budgets: " + String.join("; ", why);
            }
            byJob[j] = mine.stream().mapToInt(Integer::intValue).toArray();
        }
        GreedyFit.Pick[] hint = GreedyFit.fit(options, byJob, capacity, budget, demand, slots);
        if (options.isEmpty()) {
            return new SolverReport("OPTIMAL", 0, 0, 0, grid.minutes(), (System.nanoTime() - t0) / 1e9);
        }
        // Leaving a job out costs a penalty above all emissions; offered only when the greedy plan
        // needs it, because that penalty weakens the solver's bound (shifted costs) by orders of magnitude.
        boolean mayLeaveOut = Arrays.stream(byJob).anyMatch(js -> js.length > 0) && java.util.stream.IntStream.range(0, n)
                .anyMatch(j -> byJob[j].length > 0 && hint[j] == null);
        return new Model(options, byJob, grid, capacity, budget, demand, slots, mayLeaveOut).solve(coupling, hint, windows, problems, runs, t0);
    }

    private static Option option(int j, int c, int z, Job job, Window w, Grid grid, Curve curve) {
        long first = grid.slotAtOrAfter(w.lo());
        long last = grid.slotAtOrBefore(w.latestStart());
        if (first > last) {
            return null;
        }
        long[] starts = new long[(int) (last - first + 1)];
        double[] grams = new double[starts.length];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = first + k;
            long s = grid.at(starts[k]);
            grams[k] = curve.grams(job.powerWatts(), s, s + w.durationSeconds());
        }
        return new Option(j, c, z, grid.span(w.durationSeconds()), starts, grams);
    }

    /** The CP-SAT model of one planning problem. */
    private static final class Model {

        private final List<Option> options;
        private final int[][] byJob;
        private final Grid grid;
        private final CpModel model;
        private final BoolVar[][] x;
        private final BoolVar[] present;
        private final IntVar[] start;
        private final BoolVar[] leftOut;
        private final double unitGrams;
        private final long penalty;

        Model(List<Option> options, int[][] byJob, Grid grid, long[] capacity, long[] budget, long[] demand, int slots,
              boolean mayLeaveOut) {
            Loader.loadNativeLibraries();
            this.options = options;
            this.byJob = byJob;
            this.grid = grid;
            this.model = new CpModel();
            int m = options.size();
            double dearest = 0;
            for (Option o : options) {
                for (double g : o.grams()) {
                    dearest = Math.max(dearest, g);
                }
            }
            unitGrams = dearest > 0 ? dearest / UNITS : 1;
            x = new BoolVar[m][];
            present = new BoolVar[m];
            start = new IntVar[m];
            IntervalVar[] interval = new IntervalVar[m];
            long[][] cost = new long[m][];
            LinearExprBuilder objective = LinearExpr.newBuilder();
            for (int i = 0; i < m; i++) {
                Option o = options.get(i);
                int k = o.starts().length;
                x[i] = new BoolVar[k];
                cost[i] = new long[k];
                for (int s = 0; s < k; s++) {
                    x[i][s] = model.newBoolVar("");
                    cost[i][s] = Math.round(o.grams()[s] / unitGrams);
                }
                present[i] = model.newBoolVar("");
                model.addEquality(LinearExpr.newBuilder().addSum(x[i]).build(), present[i]);
                start[i] = model.newIntVarFromDomain(Domain.fromValues(o.starts()), "");
                model.addEquality(start[i], LinearExpr.weightedSum(x[i], o.starts())).onlyEnforceIf(present[i]);
                interval[i] = model.newOptionalFixedSizeIntervalVar(start[i], o.span(), present[i], "");
                objective.addWeightedSum(x[i], cost[i]);
            }
            long sumDearest = 0;
            for (int[] js : byJob) {
                long d = 0;
                for (int i : js) {
                    d = Math.max(d, Arrays.stream(cost[i]).max().orElse(0));
                }
                sumDearest += d;
            }
            penalty = sumDearest + 1;
            leftOut = new BoolVar[byJob.length];
            for (int j = 0; j < byJob.length; j++) {
                if (byJob[j].length == 0) {
                    continue;
                }
                List<Literal> one = new ArrayList<>();
                if (mayLeaveOut) {
                    leftOut[j] = model.newBoolVar("");
                    one.add(leftOut[j]);
                    objective.addTerm(leftOut[j], penalty);
                }
                for (int i : byJob[j]) {
                    one.addAll(Arrays.asList(x[i]));
                }
                model.addExactlyOne(one);
            }
            model.minimize(objective.build());
            for (int z = 0; z < capacity.length; z++) {
                budgets(z, capacity[z], null, interval, slots);
                budgets(z, budget[z], demand, interval, slots);
            }
        }

        /** Bounds zone {@code z}'s load per slot by {@code limit}, counting jobs ({@code demand} null) or their draw. */
        private void budgets(int z, long limit, long[] demand, IntervalVar[] interval, int slots) {
            if (limit < 0) {
                return;
            }
            CumulativeConstraint cumulative = model.addCumulative(limit);
            LinearExprBuilder[] rows = new LinearExprBuilder[slots];
            long[] most = new long[slots];
            for (int i = 0; i < options.size(); i++) {
                Option o = options.get(i);
                long d = demand == null ? 1 : demand[o.job()];
                if (o.zone() != z || d == 0) {
                    continue;
                }
                cumulative.addDemand(interval[i], d);
                for (int s = 0; s < o.starts().length; s++) {
                    for (int t = (int) o.starts()[s]; t < o.starts()[s] + o.span(); t++) {
                        if (rows[t] == null) {
                            rows[t] = LinearExpr.newBuilder();
                        }
                        rows[t].addTerm(x[i][s], d);
                        most[t] += d;
                    }
                }
            }
            for (int t = 0; t < slots; t++) {
                if (rows[t] != null && most[t] > limit) {
                    model.addLessOrEqual(rows[t].build(), limit);
                }
            }
        }

        SolverReport solve(Coupling coupling, GreedyFit.Pick[] hint, Window[] windows, String[] problems, Run[] runs, long t0) {
            long hinted = 0;
            for (int j = 0; j < byJob.length; j++) {
                if (leftOut[j] != null) {
                    model.addHint(leftOut[j], hint[j] == null);
                    hinted += hint[j] == null ? penalty : 0;
                }
            }
            for (int i = 0; i < options.size(); i++) {
                GreedyFit.Pick p = hint[options.get(i).job()];
                boolean chosen = p != null && p.option() == i;
                model.addHint(present[i], chosen);
                model.addHint(start[i], options.get(i).starts()[chosen ? p.start() : 0]);
                for (int s = 0; s < x[i].length; s++) {
                    model.addHint(x[i][s], chosen && p.start() == s);
                }
                hinted += chosen ? Math.round(options.get(i).grams()[p.start()] / unitGrams) : 0;
            }
            CpSolver solver = new CpSolver();
            solver.getParameters().setMaxTimeInSeconds(coupling.timeLimit().toMillis() / 1000.0)
                    .setNumWorkers(Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8))
                    .setLogSearchProgress(Boolean.getBoolean("greenloop.cpsat.log"))
                    // Presolve's probing and symmetry passes took most of 30 s on 1,000 jobs and found little.
                    .setCpModelProbingLevel(0).setSymmetryLevel(0).setMaxPresolveIterations(1);
            CpSolverStatus status = solver.solve(model);
            double objective;
            String label;
            if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
                label = status.name();
                objective = solver.objectiveValue();
                for (int i = 0; i < options.size(); i++) {
                    if (solver.booleanValue(present[i])) {
                        Option o = options.get(i);
                        runs[o.job()] = Run.single(o.choice(), grid.at(solver.value(start[i])), windows[o.job()].durationSeconds());
                    }
                }
            } else if (status == CpSolverStatus.UNKNOWN) {
                label = "HINT";
                objective = hinted;
                for (int j = 0; j < byJob.length; j++) {
                    if (hint[j] != null) {
                        Option o = options.get(hint[j].option());
                        runs[j] = Run.single(o.choice(), grid.at(o.starts()[hint[j].start()]), windows[j].durationSeconds());
                    }
                }
            } else {
                throw new IllegalStateException("CP-SAT answered " + status + " on the budget model; leaving jobs out is always"
                        + " allowed, so this is a bug");
            }
            for (int j = 0; j < byJob.length; j++) {
                if (byJob[j].length > 0 && runs[j] == null) {
                    problems[j] = "no room left under the capacity and power budgets in its window%s; raise a budget or move the deadline"
                            .formatted(status == CpSolverStatus.OPTIMAL ? " (proven)" : " (none found within the time limit)");
                }
            }
            double bound = Math.min(solver.bestObjectiveBound(), objective);
            double gap = objective > 0 ? 100 * (objective - bound) / objective : 0;
            return new SolverReport(label, objective * unitGrams, bound * unitGrams, Math.max(0, gap), grid.minutes(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
