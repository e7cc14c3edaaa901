package dev.greenloop.app;

import dev.greenloop.lab.EnergyLabel;
import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Profile;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.Sweep;
import dev.greenloop.store.NewProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A lab result's rows as the store keeps them and back, and the fingerprint of the texts they were measured on. */
final class LabRows {

    private LabRows() {
    }

    /** The result's rows as the store keeps them, the first the reference. */
    static List<NewProfile> toStore(LabResult result, String input, Instant measuredAt, String node) {
        List<NewProfile> out = new ArrayList<>();
        for (LabResult.Row r : result.rows()) {
            Profile p = r.profile();
            Quality q = r.quality();
            RunnerSettings s = r.settings();
            out.add(new NewProfile(measuredAt, node, result.model(), r.variant(), Sweep.describe(s), s.intraOpThreads(),
                    s.interOpThreads(), s.workers(), s.batchSize(), s.spinning(), s.optimization().name(), result.texts(), result.labelled(),
                    input, r == result.reference(), p.label(), p.rounds(), p.cpuSecondsPerQuery(), p.joulesPerQuery(), p.provenance(),
                    p.latencyMsP50(), p.latencyMsP95(), p.latencyTexts(), p.throughputPerSecond(), p.passesPerRound(), p.flopsPerQuery(),
                    p.meanTokens(), p.truncated(), p.sizeBytes(), p.peakRssBytes(), q.meanCosine(), q.minCosine(), q.top10Overlap(),
                    q.overlapNeighbours(), q.knnAccuracy(), q.knnNeighbours(), r.energyLabel().name()));
        }
        return out;
    }

    /** A stored row as a result row. */
    static LabResult.Row fromStore(NewProfile p) {
        RunnerSettings settings = new RunnerSettings(p.intraOpThreads(), p.interOpThreads(), p.workers(), p.spinning(),
                RunnerSettings.Optimization.valueOf(p.optimization()), p.batchSize());
        Profile profile = new Profile(p.label(), p.texts(), p.rounds(), p.cpuSecondsPerQuery(), p.joulesPerQuery(), p.provenance(), p.latencyMsP50(),
                p.latencyMsP95(), p.latencyTexts(), p.throughputPerSecond(), p.passesPerRound(), p.flopsPerQuery(), p.meanTokens(), p.truncated(),
                p.sizeBytes(), p.peakRssBytes());
        Quality quality = new Quality(p.texts(), p.meanCosine(), p.minCosine(), p.top10Overlap(), p.overlapNeighbours(), p.knnAccuracy(),
                p.knnNeighbours());
        return new LabResult.Row(p.variant(), settings, profile, quality, EnergyLabel.valueOf(p.energyLabel()));
    }

    /**
     * The texts' fingerprint, so that results on the same texts can be found: the SHA-256, in lower-case hex, of every
     * text in UTF-8 followed by a newline.
     */
    static String fingerprint(List<String> texts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (String text : texts) {
            sha256.update((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
