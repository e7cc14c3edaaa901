package dev.greenloop.schedule.live;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.TraceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecasts read from trace files ({@code --trace ZONE=FILE}), re-read when a file's size or modification
 * time changes: overwrite the file with a new forecast and the scheduler re-plans.
 */
public final class TraceFileForecasts implements Forecasts {

    private final Map<String, Path> files;
    private final TraceFiles.Basis basis;
    private final Map<String, IntensityTrace> cache = new LinkedHashMap<>();
    private String cachedFingerprint;

    /**
     * @param files zone → trace file, in the order given
     * @param basis the column of Electricity Maps exports to read
     */
    public TraceFileForecasts(Map<String, Path> files, TraceFiles.Basis basis) {
        this.files = new LinkedHashMap<>(files);
        this.basis = basis;
    }

    @Override
    public String fingerprint() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            try {
                b.append(e.getKey()).append(':').append(Files.size(e.getValue())).append(':')
                        .append(Files.getLastModifiedTime(e.getValue()).toMillis()).append(';');
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot look at the trace " + e.getValue() + " of zone " + e.getKey(), ex);
            }
        }
        return b.toString();
    }

    @Override
    public synchronized List<IntensityTrace> traces(List<String> zones, Instant from, Instant to) {
        String now = fingerprint();
        if (!now.equals(cachedFingerprint)) {
            cache.clear();
            for (Map.Entry<String, Path> e : files.entrySet()) {
                try {
                    cache.put(e.getKey(), TraceFiles.read(e.getValue(), e.getKey(), basis));
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot read the trace " + e.getValue() + " of zone " + e.getKey(), ex);
                }
            }
            cachedFingerprint = now;
        }
        List<IntensityTrace> out = new ArrayList<>();
        for (String z : zones.isEmpty() ? files.keySet() : zones) {
            IntensityTrace t = cache.get(z);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public List<String> zones() {
        return List.copyOf(files.keySet());
    }
}
