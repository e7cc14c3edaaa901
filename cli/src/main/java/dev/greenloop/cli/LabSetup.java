package dev.greenloop.cli;

import dev.greenloop.app.Settings;
import dev.greenloop.lab.LabException;
import dev.greenloop.lab.ModelCatalog;
import dev.greenloop.lab.ModelFiles;
import dev.greenloop.lab.ModelNotFoundException;
import dev.greenloop.lab.ModelRepository;
import dev.greenloop.lab.Variant;
import dev.greenloop.lab.VariantBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the lab's files live and how a missing model is fetched: the local Maven repository
 * ({@code GREENLOOP_MAVEN_REPO}, else as Maven finds it), unpacked models under
 * {@code $GREENLOOP_HOME/lab/models}, built variants under {@code $GREENLOOP_HOME/lab/variants}, DJL's extracted tokenizer library under
 * {@code $GREENLOOP_HOME/lab/native} (unless DJL's own cache variables are set).
 */
final class LabSetup {

    private final Settings settings;

    LabSetup(Settings settings) {
        this.settings = settings;
    }

    ModelRepository repository() {
        Path repo = settings.get("MAVEN_REPO").map(Path::of).orElseGet(ModelRepository::defaultMavenRepository);
        return new ModelRepository(repo, settings.home().resolve("lab").resolve("models"));
    }

    /** The lab's own variants, built from fp32 and cached under {@code $GREENLOOP_HOME/lab/variants}. */
    VariantBuilder variants() {
        return new VariantBuilder(settings.home().resolve("lab").resolve("variants"));
    }

    /** Keeps DJL's extracted native library in Greenloop's home rather than {@code ~/.djl.ai}, unless the user chose a place. */
    void nativeCache() {
        if (System.getenv("ENGINE_CACHE_DIR") == null && System.getProperty("ENGINE_CACHE_DIR") == null
                && System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("ENGINE_CACHE_DIR", settings.home().resolve("lab").resolve("native").toString());
        }
    }

    /** The Maven program to fetch with: this checkout's wrapper, else {@code mvn} on the PATH; empty if neither. */
    static Optional<String> maven() {
        try {
            Path code = Path.of(LabSetup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/greenloop-cli.jar or cli/target/classes: the checkout is three levels up.
            Path root = code.getParent() == null ? null : code.getParent().getParent() == null ? null : code.getParent().getParent().getParent();
            if (root != null && Files.isExecutable(root.resolve("mvnw"))) {
                return Optional.of(root.resolve("mvnw").toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No code source (an unusual class loader): fall back to the PATH.
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mvn"))) {
                return Optional.of("mvn");
            }
        }
        return Optional.empty();
    }

    /** The command that fetches an artifact into the repository this lab reads. */
    List<String> fetchCommand(ModelCatalog.Artifact a, String mvn) {
        List<String> cmd = new ArrayList<>(a.fetchCommand(mvn));
        if (settings.get("MAVEN_REPO").isPresent()) {
            cmd.add("-Dmaven.repo.local=" + repository().mavenRepository());
        }
        return cmd;
    }

    /**
     * The files of a known model's variant; a missing artifact is fetched through Maven when
     * {@code fetch} is set and Maven is there, with its download lines on stderr.
     *
     * @throws UsageException for an unknown model or a variant not built yet
     * @throws LabException when the model is missing and cannot be fetched, naming the command that fetches it
     */
    ModelFiles resolve(String model, Variant variant, boolean fetch, PrintStream err) {
        ModelRepository repo = repository();
        try {
            return repo.resolve(model, variant);
        } catch (ModelNotFoundException e) {
            Optional<String> mvn = maven();
            String by = String.join(" ", fetchCommand(e.artifact(), mvn.orElse("mvn")));
            if (!fetch || mvn.isEmpty()) {
                throw new LabException("%s %s is not in the local Maven repository %s; fetch it with:%n  %s"
                        .formatted(model, variant, repo.mavenRepository(), by));
            }
            err.printf("greenloop: fetching %s through Maven into %s ...%n", e.artifact().coordinates(), repo.mavenRepository());
            run(fetchCommand(e.artifact(), mvn.get()), e.artifact().artifactId(), err, by);
            return repo.resolve(model, variant);
        }
    }

    private static void run(List<String> cmd, String artifactId, PrintStream err, String shown) {
        // Outside any project, so that Maven does not walk a reactor; the wrapper finds its settings next to itself.
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new java.io.File(System.getProperty("java.io.tmpdir")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process p = pb.start();
            // The model's download line and errors go to stderr as progress (stdout may be carrying vectors); Maven's own plugins are noise here.
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains("[ERROR]") || line.contains("Downloaded") && line.contains(artifactId)) {
                        err.println("  " + line);
                    }
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                throw new LabException("Maven could not fetch the model (exit %d; offline?). Run it yourself when online:%n  %s".formatted(code, shown));
            }
        } catch (IOException e) {
            throw new LabException("cannot start Maven (%s); fetch the model with:%n  %s".formatted(e.getMessage(), shown), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while fetching the model", e);
        }
    }
}
