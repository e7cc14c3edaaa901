package dev.greenloop.aiops;

import dev.greenloop.core.BoundedLines;
import dev.greenloop.core.InputTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder of NAB files: {@code windows.json} (NAB's {@code labels/combined_windows.json} shape: an object keyed
 * {@code category/file.csv}, each a list of {@code [start, end]} timestamp pairs) and the CSV files it names.
 *
 * @param files the labelled files, in the order of {@code windows.json}
 */
public record NabCorpus(List<Labelled> files) {

    /**
     * A file and its windows, as row indexes.
     *
     * @param name the file's key in {@code windows.json}
     * @param series its rows
     * @param windows its windows as row ranges
     */
    public record Labelled(String name, Series series, List<NabScorer.Window> windows) {
    }

    /** @param files copied */
    public NabCorpus {
        files = List.copyOf(files);
    }

    /**
     * Loads a folder.
     *
     * @param dir the folder holding {@code windows.json}
     * @return the corpus
     * @throws NoSuchFileException if {@code windows.json} or a file it names is missing
     * @throws SeriesFormatException if a file or {@code windows.json} is malformed
     * @throws InputTooLargeException if {@code windows.json} is larger than {@value #MAX_WINDOWS_BYTES} bytes, or a
     *     file it names is over {@link BoundedLines}' limits
     * @throws IOException if reading fails
     */
    public static NabCorpus load(Path dir) throws IOException {
        Path labels = dir.resolve("windows.json");
        Map<String, List<String[]>> windows = parseWindows(readWindows(labels), labels.toString());
        List<Labelled> files = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : windows.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Series s;
            s = Series.read(BoundedLines.openStream(file), file.toString());
            List<NabScorer.Window> rows = new ArrayList<>();
            for (String[] pair : e.getValue()) {
                Instant from = Series.parseTime(pair[0], labels.toString(), 0);
                Instant to = Series.parseTime(pair[1], labels.toString(), 0);
                int first = -1;
                int last = -1;
                for (int i = 0; i < s.size(); i++) {
                    Instant t = s.timestamps()[i];
                    if (!t.isBefore(from) && !t.isAfter(to)) {
                        first = first < 0 ? i : first;
                        last = i;
                    }
                }
                if (first >= 0) {
                    rows.add(new NabScorer.Window(first, last));
                }
            }
            files.add(new Labelled(e.getKey(), s, rows));
        }
        return new NabCorpus(files);
    }

    /**
     * Runs a fresh detector over each file and scores the corpus with each profile.
     *
     * @param parameters the detector's parameters, the same for every file
     * @return one result per profile, in {@link NabScorer.Profile} order
     */
    public List<NabScorer.Result> evaluate(AnomalyDetector.Parameters parameters) {
        List<NabScorer.Scored> scored = new ArrayList<>();
        for (Labelled f : files) {
            AnomalyDetector d = new AnomalyDetector(parameters);
            double[] scores = new double[f.series().size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = d.score(f.series().timestamps()[i], f.series().values()[i]);
            }
            scored.add(new NabScorer.Scored(f.name(), scores, f.windows()));
        }
        List<NabScorer.Result> results = new ArrayList<>();
        for (NabScorer.Profile p : NabScorer.Profile.values()) {
            results.add(NabScorer.score(p, scored));
        }
        return results;
    }

    /**
     * The most of {@code windows.json} that is read: NAB's own {@code combined_windows.json} is about 12 kB, and the
     * whole text is held in memory (the short commands' heap is 256 MiB).
     */
    static final int MAX_WINDOWS_BYTES = 1 << 20;

    /** Reads {@code windows.json} whole, refusing it once it goes past {@link #MAX_WINDOWS_BYTES} (a device never ends). */
    private static String readWindows(Path labels) throws IOException {
        try (InputStream in = BoundedLines.openStream(labels)) {
            byte[] bytes = in.readNBytes(MAX_WINDOWS_BYTES + 1);
            if (bytes.length > MAX_WINDOWS_BYTES) {
                throw new InputTooLargeException("%s goes on past %d MiB, the limit for NAB's windows.json (NAB's own is about 12 kB);"
                        .formatted(labels, MAX_WINDOWS_BYTES >> 20) + " is it the right file? Give the folder of NAB's labels/combined_windows.json");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Reads {"name": [["start", "end"], ...], ...}: the only shape windows.json has. */
    static Map<String, List<String[]>> parseWindows(String json, String name) {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        List<String> strings = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{', '[' -> depth++;
                case '}', ']' -> depth--;
                case '"' -> {
                    int end = json.indexOf('"', i + 1);
                    if (end < 0) {
                        throw new SeriesFormatException(name, 0, "unterminated string; expected NAB's windows.json");
                    }
                    strings.add(json.substring(i + 1, end));
                    depths.add(depth);
                    i = end;
                }
                default -> {
                    if (!Character.isWhitespace(c) && c != ',' && c != ':') {
                        throw new SeriesFormatException(name, 0, "unexpected '" + c + "'; expected NAB's windows.json shape {\"file.csv\": [[start, end]]}");
                    }
                }
            }
        }
        List<String[]> current = null;
        for (int j = 0; j < strings.size(); j++) {
            if (depths.get(j) == 1) {
                current = new ArrayList<>();
                out.put(strings.get(j), current);
            } else if (depths.get(j) == 3 && current != null && j + 1 < strings.size() && depths.get(j + 1) == 3) {
                current.add(new String[] {strings.get(j), strings.get(j + 1)});
                j++;
            } else {
                throw new SeriesFormatException(name, 0, "'" + strings.get(j) + "' is out of place; expected {\"file.csv\": [[start, end]]}");
            }
        }
        return out;
    }
}
