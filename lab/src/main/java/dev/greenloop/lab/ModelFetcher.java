package dev.greenloop.lab;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Resolves a known model's published files, fetching a missing artifact through Maven when the configuration allows. */
final class ModelFetcher {

    private final LabConfig config;
    private final ModelRepository repository;

    ModelFetcher(LabConfig config) {
        this.config = config;
        this.repository = new ModelRepository(config.effectiveMavenRepository(), config.labDirectory().resolve("models"));
    }

    ModelRepository repository() {
        return repository;
    }

    /** The command that fetches an artifact into the repository this lab reads. */
    List<String> fetchCommand(ModelCatalog.Artifact a, String mvn) {
        List<String> cmd = new ArrayList<>(a.fetchCommand(mvn));
        if (config.mavenRepository().isPresent()) {
            cmd.add("-Dmaven.repo.local=" + repository.mavenRepository());
        }
        return cmd;
    }

    /**
     * The files of a known model's published variant.
     *
     * @throws LabException for an unknown model, or when the model is missing and cannot be fetched, naming the command that fetches it
     */
    ModelFiles resolve(String model, Variant variant, LabListener listener) {
        try {
            return repository.resolve(model, variant);
        } catch (ModelNotFoundException e) {
            Optional<String> mvn = config.maven();
            String by = String.join(" ", fetchCommand(e.artifact(), mvn.orElse("mvn")));
            if (!config.fetch() || mvn.isEmpty()) {
                throw new LabException("%s %s is not in the local Maven repository %s; fetch it with:%n  %s"
                        .formatted(model, variant, repository.mavenRepository(), by));
            }
            listener.note("fetching %s through Maven into %s ...".formatted(e.artifact().coordinates(), repository.mavenRepository()));
            run(fetchCommand(e.artifact(), mvn.get()), e.artifact().artifactId(), listener, by);
            return repository.resolve(model, variant);
        }
    }

    private static void run(List<String> cmd, String artifactId, LabListener listener, String shown) {
        // Outside any project, so that Maven does not walk a reactor; the wrapper finds its settings next to itself.
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File(System.getProperty("java.io.tmpdir")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process p = pb.start();
            // The model's download line and errors are worth showing; Maven's own plugins are noise here.
            try (var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains("[ERROR]") || line.contains("Downloaded") && line.contains(artifactId)) {
                        listener.detail(line);
                    }
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                throw new LabException("Maven could not fetch the model (exit %d: not published at that version, or offline?). Run it yourself when online, with another version if need be:%n  %s".formatted(code, shown));
            }
        } catch (IOException e) {
            throw new LabException("cannot start Maven (%s); fetch the model with:%n  %s".formatted(e.getMessage(), shown), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while fetching the model", e);
        }
    }
}
