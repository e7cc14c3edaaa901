package dev.greenloop.cli.schedule;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.ScheduleChart;
import dev.greenloop.schedule.SimulationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code schedule simulate --plot FILE}: writes {@link ScheduleChart} as SVG when the name ends in {@code .svg}, else as a
 * {@value #WIDTH} × {@value #HEIGHT} PNG. Only {@code --plot} reaches this class: it and the AWT classes the PNG needs are
 * loaded by nothing else, so other commands pay nothing for it ({@code SchedulePlotIT} checks with the JVM's class-loading log).
 */
final class SchedulePlot {

    /** Image width in pixels. */
    static final int WIDTH = ScheduleChart.WIDTH;
    /** Image height in pixels. */
    static final int HEIGHT = ScheduleChart.HEIGHT;

    private SchedulePlot() {
    }

    /**
     * Writes the plot.
     *
     * @param file the PNG or SVG to write
     * @param traces the intensity of each zone, in {@code --trace} order
     * @param result the simulation's placements
     * @throws UsageException if the file's directory does not exist
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, List<IntensityTrace> traces, SimulationResult result) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageException("--plot %s: there is no directory %s; create it or write elsewhere".formatted(file, dir));
        }
        ScheduleChart.of(traces, result).write(file);
    }
}
