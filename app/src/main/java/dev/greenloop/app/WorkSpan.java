package dev.greenloop.app;

import dev.greenloop.store.RunKind;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A span of work on a node: a measured run, or a scheduled job through the run that measured it. The power analysis
 * ({@link PowerAnalysis}) counts a node's time inside any span as active and the rest as idle, and divides each
 * finished span's energy by its units of work. Immutable.
 *
 * @param kind a run or a job
 * @param id the run's id, or the job's
 * @param name the run's name, or the job's
 * @param start when it started, UTC
 * @param end when it ended; empty while it runs
 * @param joules the node's energy over the span as the run recorded it (its counted components, never overlapping
 *     scopes); empty while it runs, for an interrupted run, and for a job that did not finish ({@code done})
 * @param tags the run's tags ({@code --tag k=v}); a tag {@value #QUERIES_TAG} counts the queries it served
 */
public record WorkSpan(Kind kind, String id, String name, Instant start, Optional<Instant> end, OptionalDouble joules,
        Map<String, String> tags) {

    /** The run tag that carries how many queries a run served: {@code --tag queries=1200}. */
    public static final String QUERIES_TAG = "queries";

    /** What a span is. */
    public enum Kind {
        /** A measured run ({@code greenloop measure}, {@code Greenloop.track}). */
        RUN,
        /** A scheduled job's measured run ({@code greenloop schedule}). */
        JOB;

        /** @return {@code run} or {@code job} */
        public String label() {
            return this == RUN ? "run" : "job";
        }
    }

    /** @throws NullPointerException if a part is null */
    public WorkSpan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(joules, "joules");
        tags = Map.copyOf(tags);
    }

    /** @return the end, or {@code now} while it runs (never before the start) */
    public Instant endOr(Instant now) {
        Instant e = end.orElse(now);
        return e.isBefore(start) ? start : e;
    }

    /**
     * @return the queries it served, from its tag {@value #QUERIES_TAG} when that is a finite number &gt; 0; empty
     *     otherwise (no tag, or a tag that is not a count)
     */
    public OptionalDouble queries() {
        String q = tags.get(QUERIES_TAG);
        if (q == null) {
            return OptionalDouble.empty();
        }
        try {
            double n = Double.parseDouble(q.strip());
            return Double.isFinite(n) && n > 0 ? OptionalDouble.of(n) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The work spans of one node: its runs of kind {@code measure} (a {@code monitor} run measures the node alone, not
     * work), and its jobs whose measured run is among {@code runs}. A job's run is listed once, as the job.
     *
     * @param node the node's name, as runs record it
     * @param runs runs of any nodes, as the run store lists them
     * @param jobs every job, as the job store lists them
     * @return the spans, by start time
     */
    public static List<WorkSpan> on(String node, List<StoredRun> runs, List<StoredJob> jobs) {
        Map<Long, StoredRun> byId = new HashMap<>();
        for (StoredRun r : runs) {
            byId.put(r.id(), r);
        }
        List<WorkSpan> out = new ArrayList<>();
        Map<Long, Boolean> ofJobs = new HashMap<>();
        for (StoredJob j : jobs) {
            Long runId = j.progress().runId();
            StoredRun r = runId == null ? null : byId.get(runId);
            if (r == null || !node.equals(r.start().node().name())) {
                continue;
            }
            ofJobs.put(r.id(), true);
            boolean done = "done".equals(j.state());
            OptionalDouble joules = done && finished(r) ? OptionalDouble.of(r.outcome().get().total().joules()) : OptionalDouble.empty();
            out.add(new WorkSpan(Kind.JOB, j.id(), j.spec().name(), r.start().startedAt(), r.outcome().map(o -> o.endedAt()), joules,
                    r.start().tags()));
        }
        for (StoredRun r : runs) {
            if (r.start().kind() != RunKind.MEASURE || !node.equals(r.start().node().name()) || ofJobs.containsKey(r.id())) {
                continue;
            }
            OptionalDouble joules = finished(r) ? OptionalDouble.of(r.outcome().get().total().joules()) : OptionalDouble.empty();
            out.add(new WorkSpan(Kind.RUN, Long.toString(r.id()), r.start().name(), r.start().startedAt(), r.outcome().map(o -> o.endedAt()),
                    joules, r.start().tags()));
        }
        out.sort(java.util.Comparator.comparing(WorkSpan::start).thenComparing(WorkSpan::id));
        return List.copyOf(out);
    }

    /**
     * The work spans of one node from the run store and the job queue that the settings name (as {@code greenloop runs}
     * and {@code greenloop schedule} read them): runs started from {@code since} on, and the jobs measured by them.
     *
     * @param notes where the run store's notes go (a run marked interrupted on open)
     * @throws dev.greenloop.store.StoreException if a store cannot be read
     */
    public static List<WorkSpan> stored(Settings settings, String node, Instant since, java.util.function.Consumer<String> notes) {
        List<StoredRun> runs;
        try (dev.greenloop.store.Store store = RunStores.open(settings, notes)) {
            runs = store.listRuns(Optional.of(since));
        }
        List<StoredJob> jobs;
        try (Scheduling scheduling = Scheduling.open(settings)) {
            jobs = scheduling.list();
        }
        return on(node, runs, jobs);
    }

    /** An interrupted run's outcome is only what its samples add up to until then: not a whole unit of work. */
    private static boolean finished(StoredRun r) {
        return r.status() == RunStatus.FINISHED && r.outcome().isPresent();
    }
}
