package dev.greenloop.bench;

import dev.greenloop.lab.Lab;
import dev.greenloop.lab.LabConfig;
import dev.greenloop.lab.LabListener;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.lab.Variant;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether each variant's vectors depend on their batch, and what running texts alone costs: for fp32, int8, int8-pc
 * and int4 of all-MiniLM-L6-v2, the tuned runner (batches of 32) against the same runner with batch 1, as mean and
 * minimum cosine on the given texts and on 200 generated ones, then process CPU time per text of both (median of
 * 5 interleaved rounds over 1,000 generated queries of 3–12 words and passages of 3–60 words). Run by
 * bench/lab-batch-invariance.sh.
 */
public final class LabBatchInvariance {

    private LabBatchInvariance() {
    }

    /** @param args the texts file (one per line) and the Greenloop home to build variants in */
    public static void main(String[] args) throws Exception {
        List<String> texts = Files.readAllLines(Path.of(args[0]));
        Lab lab = Lab.at(new LabConfig(Path.of(args[1]), Optional.empty(), Optional.empty(), true));
        ModelChoice model = ModelChoice.known("all-minilm-l6-v2");
        for (String name : List.of("fp32", "int8", "int8-pc", "int4")) {
            Variant variant = Variant.parse(name);
            try (TextEncoder batched = lab.open(model, variant, RunnerSettings.tuned(), LabListener.silent());
                    TextEncoder alone = lab.open(model, variant, RunnerSettings.tuned().withBatchSize(1), LabListener.silent())) {
                report(name + ", " + texts.size() + " texts of the file", batched.embed(texts).vectors(), alone.embed(texts).vectors());
                List<String> generated = LabThroughput.texts(200, 60, 5);
                report(name + ", 200 generated texts", batched.embed(generated).vectors(), alone.embed(generated).vectors());
                for (int maxWords : new int[] {12, 60}) {
                    List<String> set = LabThroughput.texts(1000, maxWords, maxWords);
                    batched.embed(set);
                    alone.embed(set);
                    double[] b = new double[5];
                    double[] a = new double[5];
                    for (int r = 0; r < 5; r++) {
                        b[r] = cpuMsPerText(batched, set);
                        a[r] = cpuMsPerText(alone, set);
                    }
                    Arrays.sort(b);
                    Arrays.sort(a);
                    System.out.printf("%s, 3-%d words: ms CPU/text batch 32 %.3f, alone %.3f (%.2fx)%n", name, maxWords, b[2], a[2], a[2] / b[2]);
                }
            }
        }
    }

    private static double cpuMsPerText(TextEncoder encoder, List<String> texts) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = os.getProcessCpuTime();
        encoder.embed(texts);
        return (os.getProcessCpuTime() - start) / 1e6 / texts.size();
    }

    private static void report(String what, List<float[]> batched, List<float[]> alone) {
        Quality q = Quality.measure(alone, batched, null);
        System.out.printf("%s: cosine batch 32 vs alone, mean %.7f, min %.7f%n", what, q.meanCosine().orElseThrow(), q.minCosine().orElseThrow());
    }
}
