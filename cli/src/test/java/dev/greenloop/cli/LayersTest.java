package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module graph of docs and DESIGN.md, enforced: dependencies point down the floors (ground: core, store;
 * capabilities: meter, carbon, onnx, schedule, lab, report; application: app; front ends: cli), never back
 * up, in the POMs and in every main source file's references to {@code dev.greenloop} packages. Inside the
 * meter, the hardware and model sub-packages see the SPI package only, never the meter's root.
 */
class LayersTest {

    /** Each module and the Greenloop modules it may use: the graph drawn in README's layout section. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("test-fixtures", Set.of()),
            Map.entry("core", Set.of()),
            Map.entry("store", Set.of("core")),
            Map.entry("aiops", Set.of("core")),
            Map.entry("onnx", Set.of()),
            Map.entry("meter", Set.of("core")),
            Map.entry("carbon", Set.of("core")),
            Map.entry("schedule", Set.of("core", "carbon")),
            Map.entry("lab", Set.of("core", "meter", "onnx")),
            Map.entry("report", Set.of("core", "store", "carbon", "schedule", "lab", "meter", "onnx")),
            Map.entry("app", Set.of("core", "aiops", "store", "meter", "carbon", "schedule", "lab", "onnx", "report")),
            Map.entry("server", Set.of("core", "aiops", "store", "meter", "carbon", "schedule", "lab", "onnx", "report", "app")),
            // The CLI is also the launcher: `greenloop server` starts the server front end.
            Map.entry("cli", Set.of("core", "aiops", "store", "meter", "carbon", "schedule", "lab", "onnx", "report", "app", "server")));

    private static final Pattern POM_DEP = Pattern.compile("<artifactId>greenloop-([a-z-]+)</artifactId>");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.greenloop\\.([a-z]+)\\b(\\.[a-z]+)?");

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("core"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Greenloop root above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyModuleIsInTheGraph() throws IOException {
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([a-z-]+)</module>").matcher(Files.readString(root().resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1));
        }
        modules.remove("bench");
        assertEquals(new TreeSet<>(ALLOWED.keySet()), modules, "add a new module to LayersTest.ALLOWED and README's layout");
    }

    @Test
    void pomDependencies_pointDownOnly() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String module : ALLOWED.keySet()) {
            String pom = Files.readString(root().resolve(module).resolve("pom.xml"));
            Matcher m = POM_DEP.matcher(pom.substring(pom.indexOf("<dependencies>") < 0 ? 0 : pom.indexOf("<dependencies>")));
            while (m.find()) {
                String dep = m.group(1);
                if (!dep.equals("test-fixtures") && !ALLOWED.get(module).contains(dep)) {
                    wrong.add(module + "/pom.xml depends on greenloop-" + dep);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "dependencies pointing up or sideways out of the graph:\n" + String.join("\n", wrong));
    }

    @Test
    void mainSources_referenceOnlyModulesBelow() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String module : ALLOWED.keySet()) {
            Path src = root().resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        String target = m.group(1).equals("testfixtures") ? "test-fixtures" : m.group(1);
                        if (!target.equals(module.replace("-", "")) && !target.equals(module) && !ALLOWED.get(module).contains(target)) {
                            wrong.add(root().relativize(file) + " uses dev.greenloop." + m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), "references pointing up the layers:\n" + String.join("\n", wrong));
    }

    @Test
    void meterSubPackages_seeTheSpiNotTheRoot() throws IOException {
        Path meter = root().resolve("meter/src/main/java/dev/greenloop/meter");
        Pattern rootType = Pattern.compile("\\bdev\\.greenloop\\.meter\\.[A-Z]\\w*");
        List<String> wrong = new ArrayList<>();
        for (String sub : List.of("spi", "rapl", "nvml", "model", "proc")) {
            try (Stream<Path> files = Files.walk(meter.resolve(sub))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = rootType.matcher(Files.readString(file));
                    while (m.find()) {
                        wrong.add(root().relativize(file) + " uses " + m.group());
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), "the meter's sub-packages must depend on dev.greenloop.meter.spi only:\n" + String.join("\n", wrong));
    }

    @Test
    void everyModule_hasAModuleInfoExportingItsRootPackage() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String module : ALLOWED.keySet()) {
            if (module.equals("test-fixtures")) {
                continue; // test-scope helpers only, never on the product's class path
            }
            Path info = root().resolve(module).resolve("src/main/java/module-info.java");
            String name = "dev.greenloop." + module;
            if (!Files.isRegularFile(info)) {
                wrong.add(module + ": no module-info.java");
            } else if (!Files.readString(info).contains("module " + name + " {")
                    || (!module.equals("cli") && !Files.readString(info).contains("exports " + name + ";"))) {
                wrong.add(module + ": module-info.java does not declare module " + name + " exporting " + name);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
