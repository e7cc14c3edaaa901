package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The character-stream overloads (for picocli's injected writers) write exactly what the byte-stream ones write. */
class WriterOverloadsTest {

    private interface Body<T> {
        void accept(T out) throws IOException;
    }

    private static String written(Body<PrintWriter> body) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            body.accept(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString();
    }

    private static String printed(Body<java.io.PrintStream> body) {
        Consumer<java.io.PrintStream> c = out -> {
            try {
                body.accept(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Fixtures.printed(c);
    }

    @Test
    void table_printWriter_sameLines() {
        Table t = new Table("name", ">joules", "note").row("a", 12.5, "x").row("longer", 3, null);
        assertEquals(printed(t::print), written(t::print));
    }

    @Test
    void runCsv_printWriter_sameCsv() {
        List<dev.greenloop.store.StoredRun> runs = List.of(Fixtures.finished(), Fixtures.running());
        assertEquals(printed(out -> RunCsv.write(out, runs)), written(out -> RunCsv.write(out, runs)));
    }

    @Test
    void runJson_printArrayAndGenerator_writer_sameJson() {
        List<dev.greenloop.store.StoredRun> runs = List.of(Fixtures.finished(), Fixtures.running());
        assertEquals(printed(out -> RunJson.printArray(out, runs)), written(out -> RunJson.printArray(out, runs)));
        String viaWriter = written(out -> {
            try (var g = RunJson.generator(out)) {
                RunJson.write(g, Fixtures.finished());
            }
        });
        String viaStream = printed(out -> {
            try (var g = RunJson.generator(out)) {
                RunJson.write(g, Fixtures.finished());
            }
        });
        assertEquals(viaStream, viaWriter);
    }

    @Test
    void simulationJson_printWriter_sameJson() {
        var r = ScheduleChartTest.result(1);
        assertEquals(printed(out -> SimulationJson.print(r, out)), written(out -> SimulationJson.print(r, out)));
    }

    @Test
    void labResultsJson_writer_sameJson() throws IOException {
        var r = LabResultsJsonTest.result(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LabResultsJson.write(r, bytes);
        StringWriter s = new StringWriter();
        LabResultsJson.write(r, s);
        assertEquals(bytes.toString(StandardCharsets.UTF_8), s.toString());
    }
}
