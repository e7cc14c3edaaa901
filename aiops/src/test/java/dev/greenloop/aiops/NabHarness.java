package dev.greenloop.aiops;

import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A development tool, not a test: scores the NAB corpus with {@link AnomalyDetector.Parameters#DEFAULT} (each
 * component overridable with {@code -Dname=value}, e.g. {@code -Ddamping=300}) and prints the three profiles and, at
 * the standard profile's threshold, each file's TP/FP/FN, its windows and its detections after probation ({@code *}
 * inside a window). Run it after a change to the detector to see what the change does, file by file:
 *
 * <pre>
 * java [-Dname=value ...] -cp aiops/target/classes:aiops/target/test-classes:core/target/classes:test-fixtures/target/classes \
 *     dev.greenloop.aiops.NabHarness [DIR]
 * </pre>
 */
final class NabHarness {

    private NabHarness() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : SharedData.anomaly("windows.json").getParent();
        NabCorpus corpus = NabCorpus.load(dir);
        long start = System.nanoTime();
        List<NabScorer.Scored> scored = new ArrayList<>();
        for (NabCorpus.Labelled f : corpus.files()) {
            AnomalyDetector d = new AnomalyDetector(parameters());
            double[] s = new double[f.series().size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = d.score(f.series().timestamps()[i], f.series().values()[i]);
            }
            scored.add(new NabScorer.Scored(f.name(), s, f.windows()));
        }
        long scoredAt = System.nanoTime();
        NabScorer.Result standard = null;
        for (NabScorer.Profile p : NabScorer.Profile.values()) {
            NabScorer.Result r = NabScorer.score(p, scored);
            standard = standard == null ? r : standard;
            System.out.printf("%-20s %6.2f  threshold %.4f  TP %d FP %d FN %d%n", p.nabName(), r.score(), r.threshold(), r.tp(), r.fp(), r.fn());
        }
        for (NabScorer.Scored f : scored) {
            NabScorer.Result r = NabScorer.at(NabScorer.Profile.STANDARD, List.of(f), standard.threshold());
            StringBuilder hits = new StringBuilder();
            int from = NabScorer.probation(f.scores().length);
            for (int i = from; i < f.scores().length; i++) {
                if (f.scores()[i] >= standard.threshold()) {
                    hits.append(' ').append(i).append(inWindow(f, i) ? "*" : "");
                }
            }
            StringBuilder wins = new StringBuilder();
            for (NabScorer.Window w : f.windows()) {
                wins.append(' ').append(w.first()).append('-').append(w.last());
            }
            System.out.printf("%-55s TP %d FP %d FN %d  raw %+.2f  windows%s  detections%s%n", f.name(), r.tp(), r.fp(), r.fn(),
                    r.raw(), wins, hits);
        }
        System.out.printf("scored in %d ms%n", (scoredAt - start) / 1_000_000);
    }

    /** {@link AnomalyDetector.Parameters#DEFAULT}, each component overridden by a system property of its name. */
    static AnomalyDetector.Parameters parameters() {
        AnomalyDetector.Parameters d = AnomalyDetector.Parameters.DEFAULT;
        return new AnomalyDetector.Parameters(Integer.getInteger("coarseBins", d.coarseBins()), Integer.getInteger("fineBins", d.fineBins()),
                Double.parseDouble(System.getProperty("coarseWeight", "" + d.coarseWeight())), Integer.getInteger("dayBuckets", d.dayBuckets()),
                Integer.getInteger("dayBins", d.dayBins()), Double.parseDouble(System.getProperty("dayWeight", "" + d.dayWeight())),
                Integer.getInteger("warmup", d.warmup()), Integer.getInteger("damping", d.damping()),
                Double.parseDouble(System.getProperty("detection", "" + d.detection())),
                Double.parseDouble(System.getProperty("activityAlpha", "" + d.activityAlpha())), Integer.getInteger("activityBins", d.activityBins()),
                Double.parseDouble(System.getProperty("activityWeight", "" + d.activityWeight())));
    }

    private static boolean inWindow(NabScorer.Scored f, int i) {
        return f.windows().stream().anyMatch(w -> w.first() <= i && i <= w.last());
    }
}
