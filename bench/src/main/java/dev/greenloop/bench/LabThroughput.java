package dev.greenloop.bench;

import dev.greenloop.lab.Embedder;
import dev.greenloop.lab.ModelFiles;
import dev.greenloop.lab.ModelRepository;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.Variant;
import dev.greenloop.meter.Greenloop;
import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.Tracking;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Throughput per core of all-MiniLM-L6-v2 embedding, side by side in one JVM on the same texts:
 * LangChain4j's in-process model as its users call it ({@code embedAll}, default settings) against
 * the lab's tuned runner, fp32 and int8, plus the runner at LangChain4j-like settings (one text per
 * call, texts in parallel, every core in ONNX Runtime's pool, spinning) and with one worker using
 * every core inside each operator, to show where the difference comes from.
 *
 * <p>Each round runs every contender once, in turn, so that load from other processes falls on all
 * of them alike; the figures are medians over rounds. CPU time is this process's (all threads);
 * texts per CPU-second is throughput per core. Energy per text comes from {@link Greenloop#track}:
 * this JVM's share of node energy, measured where RAPL is readable, modelled otherwise (labelled).
 *
 * <pre>bench/lab-throughput.sh [TEXTS] [ROUNDS] [MAX_WORDS]</pre>
 */
public final class LabThroughput {

    private LabThroughput() {
    }

    private record Contender(String name, Consumer<List<String>> run) {
    }

    private record Round(double wallSeconds, double cpuSeconds, double joules, String provenance) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int maxWords = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        List<String> texts = texts(n, maxWords, 1);

        Path cache = Files.createTempDirectory("lab-bench");
        ModelRepository repo = new ModelRepository(ModelRepository.defaultMavenRepository(), cache);
        ModelFiles fp32 = repo.resolve("all-minilm-l6-v2", Variant.FP32);
        ModelFiles int8 = repo.resolve("all-minilm-l6-v2", Variant.INT8);
        int cores = Runtime.getRuntime().availableProcessors();
        RunnerSettings tuned = RunnerSettings.tuned();
        // LangChain4j's defaults as the runner can express them: one text per call, texts in parallel on
        // every core, ONNX Runtime's default intra-op pool (every core) with spinning threads.
        RunnerSettings likeLangChain4j = tuned.withBatchSize(1).withSpinning(true).withIntraOpThreads(cores);
        RunnerSettings oneWorker = tuned.withWorkers(1).withIntraOpThreads(cores);

        EmbeddingModel lc4j = new AllMiniLmL6V2EmbeddingModel();
        EmbeddingModel lc4jQ = new AllMiniLmL6V2QuantizedEmbeddingModel();
        Embedder tunedFp32 = Embedder.open(fp32, tuned);
        Embedder tunedInt8 = Embedder.open(int8, tuned);
        Embedder unbatched = Embedder.open(fp32, likeLangChain4j);
        Embedder intraOp = Embedder.open(fp32, oneWorker);

        List<Contender> contenders = List.of(
                new Contender("langchain4j fp32 (default embedAll)", t -> lc4j.embedAll(t.stream().map(TextSegment::from).toList())),
                new Contender("langchain4j int8 (default embedAll)", t -> lc4jQ.embedAll(t.stream().map(TextSegment::from).toList())),
                new Contender("lab fp32, lc4j-like settings", t -> unbatched.embed(t)),
                new Contender("lab fp32, 1 worker x %d threads".formatted(cores), t -> intraOp.embed(t)),
                new Contender("lab fp32 tuned", t -> tunedFp32.embed(t)),
                // what 8 closed-loop clients give 'greenloop serve': calls of 8 texts in arrival order, and of one text
                new Contender("lab fp32 tuned, calls of 8", t -> chunks(t, 8).forEach(tunedFp32::embed)),
                new Contender("lab fp32 tuned, calls of 1", t -> chunks(t, 1).forEach(tunedFp32::embed)),
                new Contender("lab int8 tuned", t -> tunedInt8.embed(t)));

        System.out.printf(Locale.ROOT, "all-MiniLM-L6-v2, %d texts (3..%d words, seeded), %d rounds after a warm-up; %d CPUs; tuned = %s%n",
                n, maxWords, rounds, cores, tuned);
        List<String> warm = texts.subList(0, Math.min(100, n));
        for (Contender c : contenders) {
            c.run.accept(warm);
        }
        Map<String, List<Round>> results = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Contender c : contenders) {
                results.computeIfAbsent(c.name, k -> new ArrayList<>()).add(measure(c, texts));
            }
        }
        System.out.printf(Locale.ROOT, "%-38s %10s %12s %14s %16s %12s  %s%n", "contender (median of rounds)", "texts/s", "ms CPU/text",
                "texts/CPU-s", "per core vs lc4j", "mJ/text", "energy provenance");
        double base = median(results.get(contenders.getFirst().name), x -> n / x.cpuSeconds);
        Map<String, Double> cpuPerText = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            double wall = median(e.getValue(), Round::wallSeconds);
            double cpu = median(e.getValue(), Round::cpuSeconds);
            double perCore = median(e.getValue(), x -> n / x.cpuSeconds);
            double joules = median(e.getValue(), Round::joules);
            cpuPerText.put(e.getKey(), cpu / n);
            System.out.printf(Locale.ROOT, "%-38s %10.1f %12.2f %14.1f %15.2fx %12.2f  %s%n", e.getKey(), n / wall, 1000 * cpu / n, perCore,
                    perCore / base, 1000 * joules / n, e.getValue().getFirst().provenance);
        }
        System.out.printf(Locale.ROOT, "int8 / fp32 CPU time per text: lab tuned %.2f, langchain4j default %.2f%n",
                cpuPerText.get("lab int8 tuned") / cpuPerText.get("lab fp32 tuned"),
                cpuPerText.get("langchain4j int8 (default embedAll)") / cpuPerText.get("langchain4j fp32 (default embedAll)"));
        tunedFp32.close();
        tunedInt8.close();
        unbatched.close();
        intraOp.close();
        System.exit(0); // LangChain4j's executor threads are not daemons
    }

    private static Round measure(Contender c, List<String> texts) {
        long cpu0;
        long t0;
        long cpu1;
        long t1;
        Measurement m;
        try (Tracking t = Greenloop.track("lab-bench")) {
            cpu0 = cpuNanos();
            t0 = System.nanoTime();
            c.run.accept(texts);
            t1 = System.nanoTime();
            cpu1 = cpuNanos();
            t.close();
            m = t.measurement();
        }
        return new Round((t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, m.processEnergy().joules(), m.provenance().label());
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static final String[] WORDS = ("energy model query cluster node carbon grid power watt joule battery solar wind embedding vector "
            + "token batch thread latency throughput quality cosine neighbour label dataset train test schedule forecast region cloud "
            + "the a of and to in is that for it with as was on be at by this from or have an they which one you were").split(" ");

    /** {@code n} sentences of 3 to {@code maxWords} words from a fixed word list; the same for the same seed. */
    private static List<List<String>> chunks(List<String> texts, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += size) {
            out.add(texts.subList(i, Math.min(texts.size(), i + size)));
        }
        return out;
    }

    static List<String> texts(int n, int maxWords, long seed) {
        Random r = new Random(seed);
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int words = 3 + r.nextInt(maxWords - 2);
            String[] w = new String[words];
            Arrays.setAll(w, k -> WORDS[r.nextInt(WORDS.length)]);
            texts.add(String.join(" ", w) + ".");
        }
        return texts;
    }
}
