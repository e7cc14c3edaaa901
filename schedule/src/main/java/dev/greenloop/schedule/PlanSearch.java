package dev.greenloop.schedule;

import java.util.Arrays;

/**
 * Plans within the budgets of a {@link BudgetProblem}, found and improved by local search: a
 * construction that places jobs one by one at their cheapest start that still fits under a given
 * pricing, then moves on the true costs — a job to a cheaper start that fits, or to a cheaper start
 * that fits once one other job covering every slot where it does not is moved to that job's own
 * cheapest start that then fits — until no move improves the plan. Every plan it holds fits the budgets: each placement is checked on
 * {@link Loads}. Mutable; one search per thread.
 */
final class PlanSearch {

    private final BudgetProblem p;
    /** Per job, its starts as {@code option << 32 | start}, cheapest first on the true cost. */
    private final long[][] byCost;
    /** The current plan: per job its option and start, -1 when left out. */
    final int[] option;
    final int[] start;
    private Loads loads;
    /** Per zone × slot, the jobs of the current plan that run there (the first {@code runningCount} entries). */
    private int[][] running;
    private int[] runningCount;
    /** Per zone × slot, the jobs with a start that runs there. */
    private final int[][] interested;
    /** Jobs to look at again: a ring of job indices, and whether each is in it. */
    private final int[] queue;
    private final boolean[] queued;
    private int queueHead;
    private int queueTail;

    PlanSearch(BudgetProblem p) {
        this.p = p;
        int n = p.jobs();
        option = new int[n];
        start = new int[n];
        byCost = new long[n][];
        for (int j = 0; j < n; j++) {
            byCost[j] = sorted(j, null);
        }
        interested = interested(p);
        queue = new int[n + 1];
        queued = new boolean[n];
        clear();
    }

    /** @return per zone × slot, the jobs with a start that runs there */
    private static int[][] interested(BudgetProblem p) {
        int[] count = new int[p.zones() * p.slots()];
        for (Option o : p.options()) {
            for (int t = first(p, o); t < end(p, o); t++) {
                count[t]++;
            }
        }
        int[][] jobs = new int[count.length][];
        for (int t = 0; t < count.length; t++) {
            jobs[t] = new int[count[t]];
        }
        for (Option o : p.options()) {
            for (int t = first(p, o); t < end(p, o); t++) {
                jobs[t][--count[t]] = o.job();
            }
        }
        return jobs;
    }

    /** @return the first zone × slot index any start of {@code o} covers */
    private static int first(BudgetProblem p, Option o) {
        return o.zone() * p.slots() + (int) o.starts()[0];
    }

    /** @return one past the last zone × slot index any start of {@code o} covers */
    private static int end(BudgetProblem p, Option o) {
        return o.zone() * p.slots() + (int) o.starts()[o.starts().length - 1] + o.span();
    }

    private void clear() {
        Arrays.fill(option, -1);
        Arrays.fill(start, -1);
        loads = new Loads(p.capacity(), p.budgetMilliwatts(), p.slots());
        running = new int[p.zones() * p.slots()][];
        runningCount = new int[running.length];
    }

    /** @return the cost of the current plan; with a job left out where that is not allowed, {@link Long#MAX_VALUE} */
    long objective() {
        if (p.leaveOutPenalty() < 0) {
            for (int j = 0; j < p.jobs(); j++) {
                if (option[j] < 0 && p.byJob()[j].length > 0) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return p.objective(option, start);
    }

    /** Replaces the current plan with {@code option}/{@code start}, which must fit the budgets. */
    void set(int[] option, int[] start) {
        clear();
        for (int j = 0; j < p.jobs(); j++) {
            if (option[j] >= 0) {
                place(j, option[j], start[j]);
            }
        }
    }

    /**
     * Replaces the current plan: jobs in {@code order}, each at its cheapest start under
     * {@code priced} (option, start → cost) that still fits; a job that fits nowhere is left out.
     */
    void construct(int[] order, Pricing priced) {
        clear();
        for (int j : order) {
            if (p.byJob()[j].length == 0) {
                continue;
            }
            for (long c : sorted(j, priced)) {
                int i = (int) (c >>> 32);
                int s = (int) c;
                if (fits(j, i, s)) {
                    place(j, i, s);
                    break;
                }
            }
        }
    }

    /** The cost of a start under some pricing. */
    interface Pricing {
        double cost(int option, int start);
    }

    /** @return job {@code j}'s starts as {@code option << 32 | start}, cheapest first under {@code priced} (null: the true cost) */
    private long[] sorted(int j, Pricing priced) {
        int total = 0;
        for (int i : p.byJob()[j]) {
            total += p.options().get(i).starts().length;
        }
        long[] out = new long[total];
        double[] key = new double[total];
        int n = 0;
        for (int i : p.byJob()[j]) {
            for (int s = 0; s < p.cost()[i].length; s++) {
                out[n] = (long) i << 32 | s;
                key[n++] = priced == null ? p.cost()[i][s] : priced.cost(i, s);
            }
        }
        Integer[] idx = new Integer[total];
        for (int k = 0; k < total; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(key[a], key[b]));
        long[] result = new long[total];
        for (int k = 0; k < total; k++) {
            result[k] = out[idx[k]];
        }
        return result;
    }

    /**
     * Applies improving moves until none is left or the clock passes {@code deadlineNanos}
     * ({@link System#nanoTime}).
     *
     * @return whether it stopped because no move improves the plan
     */
    boolean improve(long deadlineNanos) {
        for (int j = 0; j < p.jobs(); j++) {
            enqueue(j);
        }
        // A job is looked at again only when a move frees a slot where it has a start.
        while (queueHead != queueTail) {
            if (System.nanoTime() > deadlineNanos) {
                while (queueHead != queueTail) {
                    poll();
                }
                return false;
            }
            int j = poll();
            if (!relocate(j)) {
                swap(j);
            }
        }
        return true;
    }

    private void enqueue(int j) {
        if (!queued[j] && p.byJob()[j].length > 0) {
            queued[j] = true;
            queue[queueTail] = j;
            queueTail = (queueTail + 1) % queue.length;
        }
    }

    private int poll() {
        int j = queue[queueHead];
        queueHead = (queueHead + 1) % queue.length;
        queued[j] = false;
        return j;
    }

    /** Queues every job that has a start in the slots a run of option {@code i} from start {@code s} left free. */
    private void wake(int i, int s) {
        Option o = p.options().get(i);
        int from = o.zone() * p.slots() + (int) o.starts()[s];
        for (int t = from; t < from + o.span(); t++) {
            for (int j : interested[t]) {
                enqueue(j);
            }
        }
    }

    private long current(int j) {
        return option[j] >= 0 ? p.cost()[option[j]][start[j]] : p.leaveOutPenalty() >= 0 ? p.leaveOutPenalty() : Long.MAX_VALUE;
    }

    /** Moves job {@code j} to its cheapest start that fits, if cheaper than where it is. */
    private boolean relocate(int j) {
        long now = current(j);
        int oldOption = option[j];
        int oldStart = start[j];
        unplace(j);
        for (long c : byCost[j]) {
            int i = (int) (c >>> 32);
            int s = (int) c;
            if (p.cost()[i][s] >= now) {
                break;
            }
            if (fits(j, i, s)) {
                place(j, i, s);
                if (oldOption >= 0) {
                    wake(oldOption, oldStart);
                }
                return true;
            }
        }
        if (oldOption >= 0) {
            place(j, oldOption, oldStart);
        }
        return false;
    }

    /**
     * Moves job {@code a} to a cheaper start where it fits once one job {@code b}
     * overlapping it is taken out, and {@code b} to its cheapest start that then fits, when together cheaper.
     */
    private boolean swap(int a) {
        long nowA = current(a);
        int oldOption = option[a];
        int oldStart = start[a];
        unplace(a);
        for (long c : byCost[a]) {
            int i = (int) (c >>> 32);
            int s = (int) c;
            long gain = nowA - p.cost()[i][s];
            if (gain <= 0) {
                break;
            }
            Option o = p.options().get(i);
            int from = (int) o.starts()[s];
            int first = loads.blocked(o.zone(), p.demandMilliwatts()[a], from, o.span(), 1);
            if (first < 0) {
                continue;   // fits: relocate's move, not better than where a was
            }
            int last = loads.blocked(o.zone(), p.demandMilliwatts()[a], from, o.span(), -1);
            int at = o.zone() * p.slots() + first;
            for (int r = runningCount[at] - 1; r >= 0; r--) {
                int b = running[at][r];
                Option ob = p.options().get(option[b]);
                if (ob.starts()[start[b]] + ob.span() <= last) {
                    continue;   // b does not cover every slot where a is blocked
                }
                long nowB = current(b);
                if (nowB - p.cost()[(int) (byCost[b][0] >>> 32)][(int) byCost[b][0]] >= gain) {
                    continue;   // b cannot move for less than a gains
                }
                int bOption = option[b];
                int bStart = start[b];
                unplace(b);
                if (fits(a, i, s)) {
                    place(a, i, s);
                    for (long cb : byCost[b]) {
                        int ib = (int) (cb >>> 32);
                        int sb = (int) cb;
                        if (p.cost()[ib][sb] - nowB >= gain) {
                            break;
                        }
                        if (fits(b, ib, sb)) {
                            place(b, ib, sb);
                            if (oldOption >= 0) {
                                wake(oldOption, oldStart);
                            }
                            wake(bOption, bStart);
                            return true;
                        }
                    }
                    unplace(a);
                }
                place(b, bOption, bStart);
            }
        }
        if (oldOption >= 0) {
            place(a, oldOption, oldStart);
        }
        return false;
    }

    private boolean fits(int j, int i, int s) {
        Option o = p.options().get(i);
        return loads.fits(o.zone(), p.demandMilliwatts()[j], (int) o.starts()[s], o.span());
    }

    private void place(int j, int i, int s) {
        Option o = p.options().get(i);
        loads.add(o.zone(), p.demandMilliwatts()[j], (int) o.starts()[s], o.span(), 1);
        int from = o.zone() * p.slots() + (int) o.starts()[s];
        for (int t = from; t < from + o.span(); t++) {
            if (running[t] == null || runningCount[t] == running[t].length) {
                running[t] = Arrays.copyOf(running[t] == null ? new int[0] : running[t], Math.max(4, 2 * runningCount[t]));
            }
            running[t][runningCount[t]++] = j;
        }
        option[j] = i;
        start[j] = s;
    }

    private void unplace(int j) {
        if (option[j] >= 0) {
            Option o = p.options().get(option[j]);
            loads.add(o.zone(), p.demandMilliwatts()[j], (int) o.starts()[start[j]], o.span(), -1);
            int from = o.zone() * p.slots() + (int) o.starts()[start[j]];
            for (int t = from; t < from + o.span(); t++) {
                int[] r = running[t];
                int k = 0;
                while (r[k] != j) {
                    k++;
                }
                r[k] = r[--runningCount[t]];
            }
            option[j] = -1;
            start[j] = -1;
        }
    }
}
