package dev.greenloop.testfixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Electricity Maps hourly export of the shared data (such as {@code em_ES_2022_hourly.csv}) independently of
 * the product's trace reader, so that tests can compute their expected values from the file itself.
 */
public final class ElectricityMapsCsv {

    private ElectricityMapsCsv() {
    }

    /** @return the lifecycle (LCA, sixth) column by hour start, in file order */
    public static Map<Instant, Double> lifecycle(Path file) throws IOException {
        Map<Instant, Double> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            out.put(LocalDateTime.parse(cells[0].replace(' ', 'T')).toInstant(ZoneOffset.UTC), Double.parseDouble(cells[5]));
        }
        return out;
    }
}
