package dev.greenloop.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Energy per unit of work: the finished spans' recorded energy grouped per job name, per run tag and per query served,
 * each group also per UTC day (the day a span started).
 */
final class WorkEnergy {

    private WorkEnergy() {
    }

    /** @return the UTC day {@code t} falls on */
    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /**
     * @param spans the spans that started in the period; those without recorded energy are left out
     * @return the groups: {@code job} per job name (units: jobs done), {@code tag} per run tag {@code key=value} other
     *     than {@value WorkSpan#QUERIES_TAG} (units: runs and jobs with that tag), {@code queries} for every span tagged
     *     with its queries (units: queries), in that order, keys in name order
     */
    static List<PowerAnalysis.WorkGroup> groups(List<WorkSpan> spans) {
        Map<String, Acc> jobs = new TreeMap<>();
        Map<String, Acc> tags = new TreeMap<>();
        Acc queries = new Acc();
        for (WorkSpan s : spans) {
            if (s.joules().isEmpty()) {
                continue;
            }
            double joules = s.joules().getAsDouble();
            LocalDate day = day(s.start());
            if (s.kind() == WorkSpan.Kind.JOB) {
                jobs.computeIfAbsent(s.name(), k -> new Acc()).add(day, 1, joules);
            }
            s.tags().forEach((k, v) -> {
                if (!k.equals(WorkSpan.QUERIES_TAG)) {
                    tags.computeIfAbsent(k + "=" + v, x -> new Acc()).add(day, 1, joules);
                }
            });
            s.queries().ifPresent(q -> queries.add(day, q, joules));
        }
        List<PowerAnalysis.WorkGroup> out = new ArrayList<>();
        jobs.forEach((name, acc) -> out.add(acc.group("job", name)));
        tags.forEach((tag, acc) -> out.add(acc.group("tag", tag)));
        if (queries.count > 0) {
            out.add(queries.group("queries", WorkSpan.QUERIES_TAG));
        }
        return List.copyOf(out);
    }

    /** Sums of one group, in total and per day. */
    private static final class Acc {
        int count;
        double units;
        double joules;
        final Map<LocalDate, double[]> days = new TreeMap<>();

        void add(LocalDate day, double workUnits, double spanJoules) {
            count++;
            units += workUnits;
            joules += spanJoules;
            double[] d = days.computeIfAbsent(day, x -> new double[3]);
            d[0]++;
            d[1] += workUnits;
            d[2] += spanJoules;
        }

        PowerAnalysis.WorkGroup group(String kind, String key) {
            List<PowerAnalysis.WorkDay> perDay = new ArrayList<>();
            days.forEach((day, d) -> perDay.add(new PowerAnalysis.WorkDay(day, (int) d[0], d[1], d[2])));
            return new PowerAnalysis.WorkGroup(kind, key, count, units, joules, List.copyOf(perDay));
        }
    }
}
