package dev.greenloop.app;

import dev.greenloop.aiops.AnomalyDetector;
import dev.greenloop.aiops.NabCorpus;
import dev.greenloop.aiops.NabScorer;
import dev.greenloop.aiops.Series;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Anomaly detection on a file of a series, and its evaluation on the Numenta Anomaly Benchmark's files: the use
 * cases behind {@code greenloop anomalies score} and {@code greenloop anomalies nab}.
 */
public final class Anomalies {

    private Anomalies() {
    }

    /**
     * Scores a {@code timestamp,value} CSV (NAB's format) with one {@link AnomalyDetector} of the default parameters,
     * and writes {@code timestamp,value,anomaly_score} with a header, one row per input row. The score of a row
     * depends only on that row and the rows before it. The whole input is read and checked before anything is
     * written, so a bad row leaves no partial output.
     *
     * @param in the CSV, closed
     * @param name its name for messages (a path, or {@code standard input})
     * @param out where the scored CSV goes; not closed or flushed
     * @return the number of rows scored
     * @throws dev.greenloop.aiops.SeriesFormatException naming the file, line and fix if a row is malformed
     * @throws IOException if reading or writing fails
     */
    public static int score(InputStream in, String name, Writer out) throws IOException {
        Series s = Series.read(in, name);
        AnomalyDetector detector = new AnomalyDetector();
        out.write("timestamp,value,anomaly_score\n");
        StringBuilder row = new StringBuilder(64);
        for (int i = 0; i < s.size(); i++) {
            double score = detector.score(s.timestamps()[i], s.values()[i]);
            row.setLength(0);
            row.append(Series.format(s.timestamps()[i])).append(',').append(s.values()[i]).append(',').append(score).append('\n');
            out.append(row);
        }
        return s.size();
    }

    /**
     * Runs the default detector over a NAB folder and scores it with each of NAB's profiles.
     *
     * @param dir a folder with {@code windows.json} and the CSV files it names
     * @return one result per profile, in {@link NabScorer.Profile} order
     * @throws java.nio.file.NoSuchFileException if {@code windows.json} or a file it names is missing
     * @throws dev.greenloop.aiops.SeriesFormatException if a file is malformed
     * @throws IOException if reading fails
     */
    public static List<NabScorer.Result> nab(Path dir) throws IOException {
        return NabCorpus.load(dir).evaluate(AnomalyDetector.Parameters.DEFAULT);
    }

    /**
     * The project's shared NAB files, {@code shared/data/anomaly}, found in or next to any folder from {@code start}
     * up (the layout the project's tests use).
     *
     * @param start the folder to start from, such as the working directory
     * @return the folder holding {@code windows.json}, if found
     */
    public static Optional<Path> findNabData(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/data/anomaly"), dir.resolve("../shared/data/anomaly"))) {
                if (Files.isRegularFile(candidate.resolve("windows.json"))) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }
}
