package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Greenloop.track} in an application whose class path holds only the light jars — core, meter, carbon,
 * store and app, with sqlite-jdbc and Jackson — stores its runs: no picocli, ONNX Runtime, OR-Tools, DJL, nor the
 * schedule, lab and report modules. The class path is this test's own, filtered down to those entries; the child
 * JVM fails if any class outside them were needed. The same class path compiles and runs examples/.
 */
class LightClassPathIT {

    /** The modules' build outputs (jars, or classes folders when run from an IDE). */
    private static final Pattern MODULES = Pattern.compile(".*[/\\\\](core|meter|carbon|store|app)[/\\\\]target[/\\\\]"
            + "(classes|greenloop-(core|meter|carbon|store|app)-[^/\\\\]*\\.jar)");
    private static final Pattern LIBRARIES = Pattern.compile(".*[/\\\\](sqlite-jdbc|jackson-(core|databind|annotations))-[^/\\\\]*\\.jar");
    private static final Pattern HEAVY = Pattern.compile(".*(picocli|onnxruntime|ortools|djl|greenloop-(schedule|lab|onnx|report|cli)).*");

    @TempDir
    Path home;

    /** @return the light class path, with the app module's own classes in it */
    static List<String> lightClassPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator))) {
            String e = entry.replaceAll("[/\\\\]$", "");
            if (MODULES.matcher(e).matches() || LIBRARIES.matcher(e).matches()) {
                kept.add(e);
            }
        }
        for (String module : List.of("core", "meter", "carbon", "store", "app")) {
            assertTrue(kept.stream().anyMatch(e -> e.contains(File.separator + module + File.separator + "target")),
                    "no " + module + " output in the test's class path: " + System.getProperty("java.class.path"));
        }
        assertTrue(kept.stream().anyMatch(e -> e.contains("sqlite-jdbc")), "no sqlite-jdbc in the test's class path");
        assertFalse(kept.stream().anyMatch(e -> HEAVY.matcher(e).matches()), "a heavy jar slipped into " + kept);
        return kept;
    }

    @Test
    void track_withOnlyTheLightJars_storesTheRunAndReadsItBack() throws Exception {
        List<String> cp = new ArrayList<>(lightClassPath());
        // The small main, and only it, from the test classes.
        Path mainDir = home.resolve("main-classes");
        Path classFile = Path.of(LightTrackingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/greenloop/app/LightTrackingMain.class");
        Files.createDirectories(mainDir.resolve("dev/greenloop/app"));
        Files.copy(classFile, mainDir.resolve("dev/greenloop/app/LightTrackingMain.class"));
        cp.add(mainDir.toString());

        Result r = java(cp, List.of(LightTrackingMain.class.getName()), Map.of("GREENLOOP_ZONE", "FR"));
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("1", r.values().get("runId"), r.output());
        assertEquals("light-block", r.values().get("name"), r.output());
        assertEquals("light", r.values().get("tag.kind"), r.output());
        assertEquals("FR", r.values().get("zone"), r.output());
        assertTrue(Double.parseDouble(r.values().get("total")) > 0, r.output());
        assertTrue(Files.exists(home.resolve("greenloop.db")), "the run is in the default SQLite store in GREENLOOP_HOME");
    }

    @Test
    void examples_compileAndRunOnTheLightClassPath() throws Exception {
        Path examples = Path.of(System.getProperty("greenloop.examples", "../examples")).toAbsolutePath().normalize();
        List<String> sources;
        try (var files = Files.list(examples)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertFalse(sources.isEmpty(), "no examples in " + examples);
        List<String> cp = lightClassPath();
        Path out = Files.createDirectories(home.resolve("examples-classes"));
        List<String> args = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-d", out.toString(), "-cp", String.join(File.pathSeparator, cp)));
        args.addAll(sources);
        var errors = new java.io.ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        assertEquals(0, rc, "examples do not compile: " + errors.toString(StandardCharsets.UTF_8));

        List<String> runCp = new ArrayList<>(cp);
        runCp.add(out.toString());
        for (String source : sources) {
            String main = Path.of(source).getFileName().toString().replaceFirst("\\.java$", "");
            Result r = java(runCp, List.of(main), Map.of("GREENLOOP_ZONE", "DE"));
            assertEquals(0, r.exitCode(), main + ": " + r.output());
            assertFalse(r.output().contains("not stored"), main + ": " + r.output());
        }
        assertTrue(Files.exists(home.resolve("greenloop.db")), "the examples stored their runs");
    }

    private record Result(int exitCode, String output, Map<String, String> values) {
    }

    private Result java(List<String> classPath, List<String> mainAndArgs, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, classPath)));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("GREENLOOP_DB");
        pb.environment().put("GREENLOOP_HOME", home.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running: " + cmd);
        Map<String, String> values = new HashMap<>();
        Arrays.stream(out.split("\n")).filter(l -> l.indexOf('=') > 0)
                .forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1).trim()));
        return new Result(p.exitValue(), out, values);
    }
}
