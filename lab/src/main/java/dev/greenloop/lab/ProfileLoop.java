package dev.greenloop.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The loop behind {@link Lab#profile}: every variant at every setting, fp32 at the first setting the reference. */
final class ProfileLoop {

    private ProfileLoop() {
    }

    static LabResult run(Lab lab, ProfilePlan plan, String title, LabListener listener) {
        List<String> texts = plan.texts();
        List<String> labels = plan.labels();
        listener.note(String.format(Locale.ROOT, "%s: %d texts%s, %d variant(s) × %d setting(s), %d round(s) each", title, texts.size(),
                labels.isEmpty() ? "" : " with labels", plan.variants().size(), plan.settings().size(), plan.options().rounds()));
        List<float[]> reference = null;
        double referenceJoules = 0;
        List<Profiled> done = new ArrayList<>();
        for (RunnerSettings s : plan.settings()) {
            for (Variant v : plan.variants()) {
                String name = v + " " + Sweep.describe(s);
                Profiler.Result r;
                TextEncoder[] opened = new TextEncoder[1];
                try (LabListener.Stages stages = listener.stages(title + " " + name, "texts")) {
                    r = Profiler.profile(() -> opened[0] = v.kind() == Variant.Kind.TFIDF ? TfIdfEncoder.fit(texts) : lab.open(plan.model(), v, s, listener),
                            texts, plan.options(), stages);
                }
                if (opened[0] instanceof CascadeEncoder c) {
                    long all = c.studentAnswered() + c.teacherAnswered();
                    listener.note(String.format(Locale.ROOT, "%s: static answered %.1f %% of %d texts embedded, fp32 %.1f %%", name,
                            100.0 * c.studentAnswered() / all, all, 100.0 * c.teacherAnswered() / all));
                }
                Profile p = r.profile();
                if (reference == null) {
                    reference = r.vectors();
                    referenceJoules = p.joulesPerQuery();
                    if (!(referenceJoules > 0)) {
                        throw new LabException("the meter attributed no energy to fp32's pass (%s J per query): profile more texts (--input) or more rounds"
                                .formatted(referenceJoules));
                    }
                }
                Quality q = Quality.measure(reference, r.vectors(), labels);
                done.add(new Profiled(v.name(), s, p, q));
                listener.note(String.format(Locale.ROOT, "%s: %.3f ms CPU/query, %.3f mJ/query (%s), p50 %.2f ms, %.1f texts/s%s", name,
                        1000 * p.cpuSecondsPerQuery(), 1000 * p.joulesPerQuery(), p.provenance().label(), p.latencyMsP50(), p.throughputPerSecond(),
                        q.meanCosine().isPresent() ? String.format(Locale.ROOT, ", mean cosine to fp32 %.5f", q.meanCosine().getAsDouble()) : ""));
            }
        }
        Quality first = done.getFirst().quality();
        if (first.overlapNeighbours() < Quality.OVERLAP_K) {
            listener.note("%s: only %d texts: the neighbour overlap compares %d nearest neighbours, not 10%s".formatted(title, texts.size(),
                    first.overlapNeighbours(), first.overlapNeighbours() == 0 ? " (none: too few texts)" : ""));
        }
        if (!labels.isEmpty() && first.knnNeighbours() < Quality.KNN_K) {
            listener.note("%s: only %d texts: the kNN vote uses %d neighbours, not 5".formatted(title, texts.size(), first.knnNeighbours()));
        }
        List<LabResult.Row> rows = new ArrayList<>();
        for (Profiled p : done) {
            rows.add(new LabResult.Row(p.variant, p.settings, p.profile, p.quality, EnergyLabel.of(p.profile.joulesPerQuery(), referenceJoules)));
        }
        return new LabResult(plan.model().label(), texts.size(), !labels.isEmpty(), rows);
    }

    private record Profiled(String variant, RunnerSettings settings, Profile profile, Quality quality) {
    }
}
