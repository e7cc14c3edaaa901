package dev.greenloop.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab profile} keeps its rows in the store and {@code lab profiles} lists them, with
 * all-MiniLM-L6-v2 (fp32 and int8) on 20 made-up texts; {@code --no-store} keeps nothing, and a store
 * that cannot be opened loses no result; {@code pareto} and {@code recommend} read a stored result.
 */
class LabProfilesIT {

    @TempDir
    Path dir;

    private Cli cli() {
        return Cli.inProcess(dir).env("GREENLOOP_MAVEN_REPO", System.getProperty("maven.repo.local"));
    }

    private Path texts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add("text %d about energy, carbon and the grid: the batch of queries %d ran on the node at hour %d".formatted(i, i * 7, i % 24));
        }
        return Files.write(dir.resolve("texts.txt"), texts);
    }

    private String[] profile(Path texts, String... more) {
        List<String> args = new ArrayList<>(List.of("lab", "profile", "--model", "all-minilm-l6-v2", "--input", texts.toString(), "--limit", "20",
                "--rounds", "1", "--latency-texts", "5", "--min-pass-seconds", "0"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The keys of each object of a top-level array (or of the top-level object's "variants" array). */
    private static List<Set<String>> rowKeys(String json) throws IOException {
        List<Set<String>> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            int rowDepth = p.nextToken() == JsonToken.START_ARRAY ? 1 : 2;
            int depth = rowDepth == 1 ? 0 : 1;
            Set<String> current = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT -> {
                        if (++depth == rowDepth) {
                            current = new LinkedHashSet<>();
                            out.add(current);
                        }
                    }
                    case END_OBJECT -> depth--;
                    case FIELD_NAME -> {
                        if (depth == rowDepth) {
                            current.add(p.currentName());
                        }
                    }
                    default -> { }
                }
            }
        }
        return out;
    }

    @Test
    void profile_storesItsRows_profilesListsThem_noStoreKeepsNothing() throws IOException {
        Path texts = texts();
        var r = cli().run(profile(texts, "--json"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("greenloop: stored 2 profiles as result 1 in sqlite:" + dir.toAbsolutePath()), r.stderr());

        var listed = cli().run("lab", "profiles", "--json");
        assertEquals(0, listed.exitCode(), listed.stderr());
        List<Set<String>> measured = rowKeys(r.stdout());
        List<Set<String>> stored = rowKeys(listed.stdout());
        assertEquals(2, stored.size(), listed.stdout());
        for (int i = 0; i < 2; i++) {
            assertTrue(stored.get(i).containsAll(measured.get(i)), "stored rows carry profile's keys: " + stored.get(i) + " vs " + measured.get(i));
            assertTrue(stored.get(i).containsAll(List.of("measuredAt", "resultId", "node", "input")), stored.get(i).toString());
        }
        assertTrue(listed.stdout().matches("(?s)\\[.*\"variant\" : \"fp32\".*\"variant\" : \"int8\".*"), listed.stdout());
        assertTrue(listed.stdout().matches("(?s).*\"input\" : \"[0-9a-f]{64}\".*"), listed.stdout());

        var pareto = cli().run("lab", "pareto", "--result", "1");
        assertEquals(0, pareto.exitCode(), pareto.stderr());
        assertTrue(pareto.stdout().lines().anyMatch(l -> l.startsWith("*")), "the stored result has a frontier: " + pareto.stdout());
        var recommend = cli().run("lab", "recommend", "--result", "1", "--min-cosine", "0.9", "--json");
        assertEquals(0, recommend.exitCode(), recommend.stderr());
        assertTrue(recommend.stdout().contains("\"variant\" : \"int8\""), "int8 costs less and keeps a cosine above 0.9: " + recommend.stdout());
        var missing = cli().run("lab", "pareto", "--result", "9");
        assertEquals(2, missing.exitCode(), missing.stderr());
        assertTrue(missing.stderr().contains("--result 9: there is no such result in sqlite:"), missing.stderr());

        var skipped = cli().run(profile(texts, "--variants", "fp32", "--no-store"));
        assertEquals(0, skipped.exitCode(), skipped.stderr());
        assertTrue(!skipped.stderr().contains("stored"), skipped.stderr());
        var table = cli().run("lab", "profiles", "--model", "all-minilm-l6-v2");
        assertEquals(0, table.exitCode(), table.stderr());
        assertEquals(List.of("1", "1"), table.stdout().lines().filter(l -> l.contains("all-minilm-l6-v2")).map(l -> l.strip().split(" ")[0]).toList(),
                "the two rows of result 1 only: " + table.stdout());
    }

    @Test
    void sweep_storesEveryCombinationAsOneResult() throws IOException {
        List<String> args = new ArrayList<>(List.of(profile(texts(), "--variants", "fp32", "--batch", "8,32")));
        args.set(1, "sweep");
        var r = cli().run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("greenloop: stored 2 profiles as result 1 in sqlite:"), r.stderr());
        var listed = cli().run("lab", "profiles", "--json");
        assertEquals(0, listed.exitCode(), listed.stderr());
        assertTrue(listed.stdout().matches("(?s).*\"batchSize\" : 8,.*\"resultId\" : 1,.*\"batchSize\" : 32,.*\"resultId\" : 1,.*"), listed.stdout());
    }

    @Test
    void profile_storeCannotBeOpened_printsTheResultAndWarns_profilesFails() throws IOException {
        // A supported URL whose store cannot be opened: an SQLite file in a folder that does not exist. (An unsupported
        // URL is a usage error before anything runs: StoreUrlTest.)
        String unopenable = "jdbc:sqlite:" + dir.resolve("no-such-folder").resolve("x.db");
        var r = cli().env("GREENLOOP_DB", unopenable).run(profile(texts(), "--variants", "fp32"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("reference: fp32"), r.stdout());
        assertTrue(r.stderr().contains("greenloop: warning: the profiles were measured but not stored: cannot open the store sqlite:"), r.stderr());

        var listed = cli().env("GREENLOOP_DB", unopenable).run("lab", "profiles");
        assertEquals(1, listed.exitCode(), "listing needs the store: " + listed.stderr());
        assertTrue(listed.stderr().startsWith("greenloop: store: cannot open the store sqlite:"), listed.stderr());
    }

    @Test
    void profiles_limitBelowOne_usageError() {
        var r = cli().run("lab", "profiles", "--limit", "0");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--limit 0: must be at least 1"), r.stderr());
    }
}
