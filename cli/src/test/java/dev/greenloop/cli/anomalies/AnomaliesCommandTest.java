package dev.greenloop.cli.anomalies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop anomalies score|nab}, in process (Main.run). */
class AnomaliesCommandTest {

    @TempDir
    Path home;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(home.resolve(name), text);
    }

    private static double score(String row) {
        return Double.parseDouble(row.substring(row.lastIndexOf(',') + 1));
    }

    @Test
    void score_nabFile_writesOneScoredRowPerInputRow() throws IOException {
        Path in = SharedData.anomaly("realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv");
        Path out = home.resolve("scores.csv");
        Cli.Result r = Cli.inProcess(home).run("anomalies", "score", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> input = Files.readAllLines(in);
        List<String> rows = Files.readAllLines(out);
        assertEquals("timestamp,value,anomaly_score", rows.getFirst());
        assertEquals(input.size(), rows.size());
        assertTrue(rows.get(1).startsWith(input.get(1).split(",")[0] + ","), rows.get(1));
        assertTrue(rows.stream().skip(1).mapToDouble(AnomaliesCommandTest::score).allMatch(s -> s >= 0 && s <= 1));
        assertTrue(rows.stream().skip(1).mapToDouble(AnomaliesCommandTest::score).max().orElseThrow() > 0.5);
    }

    @Test
    void score_prefixOfAFile_scoresAsTheFirstRowsOfTheWhole() throws IOException {
        List<String> input = Files.readAllLines(SharedData.anomaly("realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv"));
        Path prefix = write("prefix.csv", String.join("\n", input.subList(0, 1700)) + "\n");
        Path whole = write("whole.csv", String.join("\n", input) + "\n");
        Cli.Result a = Cli.inProcess(home).run("anomalies", "score", "--input", prefix.toString(), "--output", "-");
        Cli.Result b = Cli.inProcess(home).run("anomalies", "score", "--input", whole.toString(), "--output", "-");
        assertEquals(0, a.exitCode(), a.stderr());
        assertEquals(0, b.exitCode(), b.stderr());
        assertTrue(b.stdout().startsWith(a.stdout()), "the prefix's scores differ from the whole file's first rows");
        assertEquals(1700, a.stdout().lines().count());
    }

    @Test
    void score_standardInputToStandardOutput() {
        Cli.Result r = Cli.inProcess(home).runWithInput("timestamp,value\n2026-01-01 00:00:00,1\n2026-01-01 00:00:01,2\n",
                "anomalies", "score", "--input", "-", "--output", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("timestamp,value,anomaly_score\n2026-01-01 00:00:00,1.0,0.0\n2026-01-01 00:00:01,2.0,0.0\n", r.stdout().replace("\r\n", "\n"));
    }

    @Test
    void score_missingFile_exits2NamingIt() {
        Path missing = home.resolve("none.csv");
        Cli.Result r = Cli.inProcess(home).run("anomalies", "score", "--input", missing.toString(), "--output", home.resolve("o.csv").toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--input: no such file " + missing), r.stderr());
    }

    @Test
    void score_nonNumericValue_exits2NamingFileLineAndFix_andWritesNothing() throws IOException {
        Path in = write("bad.csv", "timestamp,value\n2026-01-01 00:00:00,1\n2026-01-01 00:05:00,12,5\n");
        Path out = home.resolve("o.csv");
        Cli.Result r = Cli.inProcess(home).run("anomalies", "score", "--input", in.toString(), "--output", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(in + ":3: '2026-01-01 00:05:00,12,5' has 3 fields; expected timestamp,value"), r.stderr());
        assertFalse(Files.exists(out));
        Path word = write("word.csv", "timestamp,value\n2026-01-01 00:00:00,high\n");
        Cli.Result w = Cli.inProcess(home).run("anomalies", "score", "--input", word.toString(), "--output", out.toString());
        assertEquals(2, w.exitCode(), w.stderr());
        assertTrue(w.stderr().contains(word + ":2: value 'high' is not a number; write a decimal"), w.stderr());
    }

    @Test
    void score_unorderedTimestamps_exits2() throws IOException {
        Path in = write("late.csv", "timestamp,value\n2026-01-01 00:05:00,1\n2026-01-01 00:00:00,2\n");
        Cli.Result r = Cli.inProcess(home).run("anomalies", "score", "--input", in.toString(), "--output", "-");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(in + ":3: timestamp 2026-01-01 00:00:00 is before the previous row's 2026-01-01 00:05:00; sort the rows by time"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void score_outputInMissingFolder_exits2_andFailedWrite_exits1() throws IOException {
        Path in = write("ok.csv", "timestamp,value\n2026-01-01 00:00:00,1\n");
        Cli.Result r = Cli.inProcess(home).run("anomalies", "score", "--input", in.toString(), "--output", home.resolve("no/such/o.csv").toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("its directory does not exist"), r.stderr());
        Path dir = Files.createDirectory(home.resolve("adir"));
        Cli.Result d = Cli.inProcess(home).run("anomalies", "score", "--input", in.toString(), "--output", dir.toString());
        assertTrue(d.exitCode() != 0, d.stderr());
        assertTrue(d.stderr().contains(dir.toString()), d.stderr());
    }

    @Test
    void nab_sharedData_printsTheThreeProfiles_andJson() throws IOException {
        String dir = SharedData.anomaly("windows.json").getParent().toString();
        Cli.Result r = Cli.inProcess(home).run("anomalies", "nab", "--data", dir);
        assertEquals(0, r.exitCode(), r.stderr());
        for (String p : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
            assertTrue(r.stdout().contains(p), r.stdout());
        }
        Cli.Result j = Cli.inProcess(home).run("anomalies", "nab", "--data", dir, "--json");
        assertEquals(0, j.exitCode(), j.stderr());
        var flat = Json.flatten(j.stdout());
        assertEquals("standard", flat.get("[0].profile"));
        assertTrue((Double) flat.get("[0].score") > 60, j.stdout());
    }

    @Test
    void nab_folderWithoutWindows_exits2() {
        Cli.Result r = Cli.inProcess(home).run("anomalies", "nab", "--data", home.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("has no windows.json"), r.stderr());
    }
}
