package dev.greenloop.lab;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the lab keeps its files and how it fetches a missing model. Immutable.
 *
 * <p>Unpacked models live under {@code HOME/lab/models}, built variants under {@code HOME/lab/variants},
 * DJL's extracted tokenizer library under {@code HOME/lab/native} (unless DJL's own cache variables
 * {@code ENGINE_CACHE_DIR} or {@code DJL_CACHE_DIR} are set).
 *
 * @param home Greenloop's data directory ({@code $GREENLOOP_HOME})
 * @param mavenRepository the local Maven repository to read models from; empty for where Maven finds it
 *     ({@link ModelRepository#defaultMavenRepository()})
 * @param maven the Maven program that fetches a missing model (a checkout's {@code mvnw}, or {@code mvn}); empty if there is none
 * @param fetch whether a missing known model is fetched through {@code maven}; if not, the failure names the command that fetches it
 */
public record LabConfig(Path home, Optional<Path> mavenRepository, Optional<String> maven, boolean fetch) {

    /** @throws NullPointerException if an argument is null */
    public LabConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(mavenRepository, "mavenRepository");
        Objects.requireNonNull(maven, "maven");
    }

    /** The local Maven repository the lab reads. */
    public Path effectiveMavenRepository() {
        return mavenRepository.orElseGet(ModelRepository::defaultMavenRepository);
    }

    /** Where unpacked models, built variants and native libraries live: {@code HOME/lab}. */
    Path labDirectory() {
        return home.resolve("lab");
    }
}
