package dev.greenloop.lab;

/**
 * How the runner uses the CPU: ONNX Runtime's session options and the batch size.
 *
 * @param intraOpThreads threads inside one operator (a MatMul split across cores); at least 1
 * @param interOpThreads threads running independent operators at once; at least 1 (1 = sequential execution)
 * @param workers batches run at once, each on its own thread calling the one shared session; at least 1.
 *     {@code workers × intraOpThreads} at most the cores is the efficient range
 * @param spinning whether idle ONNX Runtime threads spin waiting for work: lower latency, but the
 *     spinning is CPU time (and energy) spent on nothing; off by default
 * @param optimization ONNX Runtime's graph optimisation level
 * @param batchSize texts per inference call, after sorting by token length; at least 1
 */
public record RunnerSettings(int intraOpThreads, int interOpThreads, int workers, boolean spinning, Optimization optimization, int batchSize) {

    /** ONNX Runtime's graph optimisation levels (its {@code GraphOptimizationLevel}). */
    public enum Optimization {
        /** No graph rewrites. */
        NONE,
        /** Constant folding, redundant node removal. */
        BASIC,
        /** Plus fusions such as attention, GELU and layer normalisation. */
        EXTENDED,
        /** Plus layout optimisations. */
        ALL
    }

    /**
     * @throws IllegalArgumentException naming the value if a count is below 1 or the optimisation is null
     */
    public RunnerSettings {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads %d is below 1".formatted(intraOpThreads));
        }
        if (interOpThreads < 1) {
            throw new IllegalArgumentException("inter-op threads %d is below 1".formatted(interOpThreads));
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers %d is below 1".formatted(workers));
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size %d is below 1".formatted(batchSize));
        }
        if (optimization == null) {
            throw new IllegalArgumentException("optimization level is null");
        }
    }

    /**
     * The tuned defaults: one worker per available processor, each running whole batches on one
     * intra-op thread (no hand-offs between threads inside an operator), sequential execution, no
     * spinning, all graph optimisations, batches of 32 texts of similar length.
     */
    public static RunnerSettings tuned() {
        return new RunnerSettings(1, 1, Runtime.getRuntime().availableProcessors(), false, Optimization.ALL, 32);
    }

    /** These settings with another batch size. */
    public RunnerSettings withBatchSize(int size) {
        return new RunnerSettings(intraOpThreads, interOpThreads, workers, spinning, optimization, size);
    }

    /** These settings with another number of intra-op threads. */
    public RunnerSettings withIntraOpThreads(int threads) {
        return new RunnerSettings(threads, interOpThreads, workers, spinning, optimization, batchSize);
    }

    /** These settings with spinning on or off. */
    public RunnerSettings withSpinning(boolean on) {
        return new RunnerSettings(intraOpThreads, interOpThreads, workers, on, optimization, batchSize);
    }

    /** These settings with another number of workers. */
    public RunnerSettings withWorkers(int count) {
        return new RunnerSettings(intraOpThreads, interOpThreads, count, spinning, optimization, batchSize);
    }
}
