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
 * One CP-SAT model of a {@link BudgetProblem}, searched from a given plan. The only class that
 * loads OR-Tools, so that only planning under budgets pays for its native library.
 *
 * <p>Per option, one Boolean per start; exactly one start of one option is chosen per job, or the
 * job is left out at the problem's penalty where allowed. Each option is an optional fixed-size
 * interval whose start the chosen Boolean fixes; per zone, {@code addCumulative} bounds the running
 * jobs by the capacity (demand 1) and their draw by the power budget (milliwatts). The same budgets
 * are also stated per grid slot as linear constraints over the start Booleans — exact on the grid
 * and redundant with the cumulatives, but they give the solver's LP a strong lower bound. The
 * objective is the sum of the starts' costs.
 */
final class CpSatPlanner {

    /** The dearest start of any job costs this many units in the objective. */
    static final long UNITS = 1_000_000;
    /** How long before the deadline the solver is told to stop. */
    static final double STOP_EARLY_SECONDS = 0.2;

    /**
     * What the solver found.
     *
     * @param optimal whether the plan is proven optimal
     * @param objective the cost of the plan, units
     * @param bound the best lower bound the solver proved, units
     * @param option per job, the option of the plan (-1 when left out); the given plan where the solver found none
     * @param start per job, the start within the option
     */
    record Result(boolean optimal, long objective, long bound, int[] option, int[] start) {
    }

    private CpSatPlanner() {
    }

    /**
     * Searches {@code p} from the plan {@code option}/{@code start} (which must fit the budgets)
     * until {@code deadlineNanos} ({@link System#nanoTime}); building the model counts against it.
     *
     * @throws IllegalStateException if the solver rejects the model (a bug: the given plan fits)
     */
    static Result solve(BudgetProblem p, int[] option, int[] start, long deadlineNanos) {
        return new Model(p).solve(option, start, deadlineNanos);
    }

    /** The CP-SAT model of one planning problem. */
    private static final class Model {

        private final BudgetProblem p;
        private final CpModel model;
        private final BoolVar[][] x;
        private final BoolVar[] present;
        private final IntVar[] start;
        private final BoolVar[] leftOut;

        Model(BudgetProblem p) {
            Loader.loadNativeLibraries();
            this.p = p;
            this.model = new CpModel();
            List<Option> options = p.options();
            int m = options.size();
            x = new BoolVar[m][];
            present = new BoolVar[m];
            start = new IntVar[m];
            IntervalVar[] interval = new IntervalVar[m];
            LinearExprBuilder objective = LinearExpr.newBuilder();
            for (int i = 0; i < m; i++) {
                Option o = options.get(i);
                int k = o.starts().length;
                x[i] = new BoolVar[k];
                for (int s = 0; s < k; s++) {
                    x[i][s] = model.newBoolVar("");
                }
                present[i] = model.newBoolVar("");
                model.addEquality(LinearExpr.newBuilder().addSum(x[i]).build(), present[i]);
                start[i] = model.newIntVarFromDomain(Domain.fromValues(o.starts()), "");
                model.addEquality(start[i], LinearExpr.weightedSum(x[i], o.starts())).onlyEnforceIf(present[i]);
                interval[i] = model.newOptionalFixedSizeIntervalVar(start[i], o.span(), present[i], "");
                objective.addWeightedSum(x[i], p.cost()[i]);
            }
            leftOut = new BoolVar[p.jobs()];
            for (int j = 0; j < p.jobs(); j++) {
                if (p.byJob()[j].length == 0) {
                    continue;
                }
                List<Literal> one = new ArrayList<>();
                if (p.leaveOutPenalty() >= 0) {
                    leftOut[j] = model.newBoolVar("");
                    one.add(leftOut[j]);
                    objective.addTerm(leftOut[j], p.leaveOutPenalty());
                }
                for (int i : p.byJob()[j]) {
                    one.addAll(Arrays.asList(x[i]));
                }
                model.addExactlyOne(one);
            }
            model.minimize(objective.build());
            for (int z = 0; z < p.zones(); z++) {
                budgets(z, p.capacity()[z], null, interval);
                budgets(z, p.budgetMilliwatts()[z], p.demandMilliwatts(), interval);
            }
        }

        /** Bounds zone {@code z}'s load per slot by {@code limit}, counting jobs ({@code demand} null) or their draw. */
        private void budgets(int z, long limit, long[] demand, IntervalVar[] interval) {
            if (limit < 0) {
                return;
            }
            CumulativeConstraint cumulative = model.addCumulative(limit);
            LinearExprBuilder[] rows = new LinearExprBuilder[p.slots()];
            long[] most = new long[p.slots()];
            for (int i = 0; i < p.options().size(); i++) {
                Option o = p.options().get(i);
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
            for (int t = 0; t < p.slots(); t++) {
                if (rows[t] != null && most[t] > limit) {
                    model.addLessOrEqual(rows[t].build(), limit);
                }
            }
        }

        Result solve(int[] option, int[] chosen, long deadlineNanos) {
            long hinted = p.objective(option, chosen);
            for (int j = 0; j < p.jobs(); j++) {
                if (leftOut[j] != null) {
                    model.addHint(leftOut[j], option[j] < 0);
                }
            }
            for (int i = 0; i < p.options().size(); i++) {
                int j = p.options().get(i).job();
                boolean picked = option[j] == i;
                model.addHint(present[i], picked);
                model.addHint(start[i], p.options().get(i).starts()[picked ? chosen[j] : 0]);
                for (int s = 0; s < x[i].length; s++) {
                    model.addHint(x[i][s], picked && chosen[j] == s);
                }
            }
            // Planning 400 jobs once took 2.6 s for a 2 s limit on 2 loaded cores: stop the solver a little early.
            double seconds = (deadlineNanos - System.nanoTime()) / 1e9 - STOP_EARLY_SECONDS;
            if (seconds <= 0) {
                return new Result(false, hinted, Long.MIN_VALUE, option.clone(), chosen.clone());
            }
            CpSolver solver = new CpSolver();
            solver.getParameters().setMaxTimeInSeconds(seconds)
                    .setNumWorkers(Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8))
                    .setLogSearchProgress(Boolean.getBoolean("greenloop.cpsat.log"))
                    // Presolve's probing and symmetry passes took most of 30 s on 1,000 jobs and found little.
                    .setCpModelProbingLevel(0).setSymmetryLevel(0).setMaxPresolveIterations(1);
            CpSolverStatus status = solver.solve(model);
            if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
                int[] o = new int[p.jobs()];
                int[] s = new int[p.jobs()];
                Arrays.fill(o, -1);
                Arrays.fill(s, -1);
                for (int i = 0; i < p.options().size(); i++) {
                    if (solver.booleanValue(present[i])) {
                        for (int k = 0; k < x[i].length; k++) {
                            if (solver.booleanValue(x[i][k])) {
                                o[p.options().get(i).job()] = i;
                                s[p.options().get(i).job()] = k;
                            }
                        }
                    }
                }
                return new Result(status == CpSolverStatus.OPTIMAL, p.objective(o, s), (long) Math.ceil(solver.bestObjectiveBound() - 1e-6), o, s);
            }
            if (status == CpSolverStatus.UNKNOWN) {
                return new Result(false, hinted, (long) Math.ceil(solver.bestObjectiveBound() - 1e-6), option.clone(), chosen.clone());
            }
            throw new IllegalStateException("CP-SAT answered " + status + " on the budget model from a plan that fits, so this is a bug");
        }
    }
}
