package dev.greenloop.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.testfixtures.SharedData;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule simulate --plot}: a valid PNG of the documented size, and no plotting class loaded without it. */
class SchedulePlotIT {

    @TempDir
    Path dir;

    private Path jobs() throws IOException {
        return Files.writeString(dir.resolve("jobs.csv"), """
                id,submit,duration_minutes,deadline,power_watts,interruptible,zones
                train-1,2022-06-01T08:00:00Z,240,2022-06-02T20:00:00Z,1000,false,
                embed-7,2022-06-01T12:00:00Z,300,2022-06-03T00:00:00Z,500,true,ES;NO
                """);
    }

    private List<String> simulate(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("schedule", "simulate", "--trace", "ES=" + SharedData.carbon("em_ES_2022_hourly.csv"),
                "--trace", "NO=" + SharedData.carbon("em_NO_2022_hourly.csv"), "--jobs", jobs().toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void plot_writesPngOfTheDocumentedSize() throws IOException {
        Path png = dir.resolve("plan.png");
        var r = Cli.inProcess(dir).run(simulate("--plot", png.toString()).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        try (DataInputStream in = new DataInputStream(Files.newInputStream(png))) {
            byte[] sig = in.readNBytes(8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, sig);
            in.readInt();
            assertEquals("IHDR", new String(in.readNBytes(4), StandardCharsets.US_ASCII));
            assertEquals(SchedulePlot.WIDTH, in.readInt());
            assertEquals(SchedulePlot.HEIGHT, in.readInt());
        }
        assertTrue(javax.imageio.ImageIO.read(png.toFile()) != null, "ImageIO reads it back");
    }

    @Test
    void plot_svgName_writesStandaloneSvgOfTheDocumentedSize() throws Exception {
        Path svg = dir.resolve("plan.svg");
        var r = Cli.inProcess(dir).run(simulate("--plot", svg.toString()).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        var root = f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(String.valueOf(SchedulePlot.WIDTH), root.getAttribute("width"));
        assertEquals(String.valueOf(SchedulePlot.HEIGHT), root.getAttribute("height"));
        assertTrue(Files.readString(svg).contains("train-1"), "the jobs' lanes are labelled");
    }

    @Test
    void plot_missingDirectory_exits2() throws IOException {
        var r = Cli.inProcess(dir).run(simulate("--plot", dir.resolve("no/such/plan.png").toString()).toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("no directory"), r.stderr());
    }

    @Test
    void noPlot_loadsNoPlottingClass() throws Exception {
        assertFalse(loaded(simulate("--json")).stream().anyMatch(c -> c.contains("SchedulePlot") || c.contains("ScheduleChart") || c.startsWith("java.awt") || c.startsWith("javax.imageio")));
        assertTrue(loaded(simulate("--json", "--plot", dir.resolve("p.png").toString())).contains(SchedulePlot.class.getName()),
                "the probe sees the class when --plot is given");
    }

    private List<String> loaded(List<String> args) throws Exception {
        return new Cli(dir).loadedClasses(args.toArray(String[]::new));
    }
}
