package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class ChartTest {

    @TempDir
    Path dir;

    /** Every kind of series and axis: a time axis, a line, a step, bars on lanes and a labelled scatter on a log axis. */
    static Chart sample(String title) {
        Instant a = Instant.parse("2022-06-01T00:00:00Z");
        double t0 = a.getEpochSecond();
        Panel lines = new Panel(Axis.fromZero(320, 1, 5, "gCO2eq/kWh"), 2, List.of(
                new Series.Line(Rgb.palette(0), 1.8, new double[] {t0, t0 + 3600, t0 + 3600, t0 + 7200}, new double[] {300, 300, 120, 120}),
                new Series.Step(Rgb.palette(1), 1.5, new double[] {t0, t0 + 1800, t0 + 5400}, new double[] {0, 250, 40})));
        Panel bars = new Panel(Axis.lanes(List.of("job-a", "a very long job name that will not fit"), "jobs (2)"), 1, List.of(
                new Series.Bars(new Rgb(0xdedede), List.of(new Series.Bar(0, t0, t0 + 7200), new Series.Bar(1, t0 + 600, t0 + 4000))),
                new Series.Bars(Rgb.palette(1), List.of(new Series.Bar(1, t0 + 1000, t0 + 1100)))));
        return new Chart(900, 600, new Chart.Insets(90, 40, 70, 70), title, "a subtitle & <markup>", "a footnote",
                Axis.time(a, a.plusSeconds(7200), "time (UTC)"), List.of(lines, bars),
                List.of(new LegendEntry("line", Rgb.palette(0), LegendEntry.Swatch.LINE), new LegendEntry("box", Rgb.GRID, LegendEntry.Swatch.BOX),
                        new LegendEntry("dot", Rgb.palette(2), LegendEntry.Swatch.DOT), new LegendEntry("ring", Rgb.palette(3), LegendEntry.Swatch.RING)));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void toSvg_isWellFormedSvg11_ofTheChartsSize_withEscapedText() throws Exception {
        String svg = sample("Title with \"quotes\" & ampersand\u0001").toSvg();
        assertTrue(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), svg);
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("svg", root.getLocalName());
        assertEquals("1.1", root.getAttribute("version"));
        assertEquals("900", root.getAttribute("width"));
        assertEquals("600", root.getAttribute("height"));
        assertEquals("Title with \"quotes\" & ampersand", doc.getElementsByTagName("title").item(0).getTextContent());
        assertTrue(svg.contains(">a subtitle &amp; &lt;markup&gt;</text>"), svg);
        assertTrue(doc.getElementsByTagName("polyline").getLength() >= 2, "line and step");
        assertTrue(doc.getElementsByTagName("clipPath").getLength() >= 2, "one clip per panel");
        assertTrue(svg.contains(">job-a</text>"), "lane labels");
        assertTrue(svg.contains("…</text>"), "a long lane label is cut with an ellipsis");
        assertTrue(svg.contains(">06-01 01:00</text>"), "time ticks");
    }

    @Test
    void toPng_isAPngOfTheChartsSize() throws Exception {
        byte[] png = sample("png").toPng();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
        assertEquals(0xffffff, image.getRGB(5, 5) & 0xffffff, "white background");
    }

    @Test
    void write_svgByExtension_elsePng() throws Exception {
        Chart c = sample("files");
        c.write(dir.resolve("c.SVG"));
        c.write(dir.resolve("c.png"));
        c.write(dir.resolve("c"));
        parse(Files.readString(dir.resolve("c.SVG")));
        assertEquals(900, ImageIO.read(dir.resolve("c.png").toFile()).getWidth());
        assertEquals(900, ImageIO.read(dir.resolve("c").toFile()).getWidth());
    }

    @Test
    void scatterOnLogAxis_labelsEveryPoint() throws Exception {
        Panel p = new Panel(Axis.linear(0.9, 1.01, "quality"), 1, List.of(
                new Series.Line(Rgb.palette(2), 2, new double[] {1, 10}, new double[] {0.95, 1.0}),
                new Series.Scatter(Rgb.palette(2), true, new double[] {1, 10}, new double[] {0.95, 1.0}, List.of("cheap *", "best *")),
                new Series.Scatter(Rgb.palette(0), false, new double[] {0, 30}, new double[] {0.93, 0.99}, List.of("zero", "dear"))));
        Chart c = new Chart(600, 400, new Chart.Insets(80, 40, 80, 80), "scatter", "", "", Axis.log(0.5, 50, "mJ, log scale"), List.of(p),
                List.of());
        Document doc = parse(c.toSvg());
        assertEquals(4, doc.getElementsByTagName("circle").getLength());
        String svg = c.toSvg();
        for (String label : List.of("cheap *", "best *", "zero", "dear")) {
            assertTrue(svg.contains(">" + label + "</text>"), label);
        }
        assertEquals(600, ImageIO.read(new ByteArrayInputStream(c.toPng())).getWidth());
    }

    @Test
    void invalidCharts_rejectedNamingTheProblem() {
        Axis x = Axis.linear(0, 1, "x");
        Panel p = new Panel(Axis.linear(0, 1, "y"), 1, List.of());
        assertThrows(IllegalArgumentException.class, () -> new Chart(0, 10, new Chart.Insets(0, 0, 0, 0), "t", "", "", x, List.of(p), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Chart(100, 100, new Chart.Insets(0, 0, 0, 0), "t", "", "", x, List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Chart(100, 100, new Chart.Insets(60, 60, 0, 0), "t", "", "", x, List.of(p), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Panel(Axis.linear(0, 1, "y"), 1,
                List.of(new Series.Bars(Rgb.BLACK, List.of()))));
        assertThrows(IllegalArgumentException.class, () -> Axis.log(0, 1, "x"));
        assertEquals("axis y: needs finite ends with min < max, was 2.0 to 1.0",
                assertThrows(IllegalArgumentException.class, () -> Axis.linear(2, 1, "y")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Series.Line(Rgb.BLACK, 1, new double[1], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new Rgb(0x1000000));
    }

    @Test
    void fromZero_headroomAndNiceTop() {
        assertEquals(400, Axis.fromZero(333, 1, 5, "").max());
        assertEquals(1.2, Axis.fromZero(0, 1, 5, "").max(), 1e-9);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"),
                Axis.fromZero(0, 1, 5, "").ticks().stream().map(Ticks.Tick::label).toList());
        assertThrows(IllegalArgumentException.class, () -> new Axis(Axis.Kind.LOG, 1, 10, "x", List.of(), 1));
        assertEquals("#1f77b4", Rgb.palette(8).hex());
    }
}
