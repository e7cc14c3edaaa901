/**
 * Greenloop's operations intelligence: an online anomaly detector for power series ({@code AnomalyDetector}), and
 * its evaluation with the rules of the Numenta Anomaly Benchmark ({@code NabScorer}, {@code NabCorpus}).
 */
module dev.greenloop.aiops {
    requires transitive dev.greenloop.core;

    exports dev.greenloop.aiops;
}
