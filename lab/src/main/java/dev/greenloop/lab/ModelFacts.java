package dev.greenloop.lab;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.greenloop.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What one LangChain4j in-process embedding artifact says about its model, read from its jar without loading any of
 * its classes: LangChain4j's own model class (its bytecode names the ONNX file, the tokenizer file, the pooling mode
 * and the dimension), the {@code tokenizer.json} (its truncation), the ONNX graph (inputs, outputs, position
 * embeddings) and the README (the model card). Immutable.
 *
 * @param className LangChain4j's model class, such as {@code dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel}
 * @param onnxEntry the jar entry of the ONNX model the class loads
 * @param tokenizerEntry the jar entry of the tokenizer the class loads
 * @param pooling the pooling mode the class passes to LangChain4j's encoder
 * @param dimension the dimension the class declares ({@code knownDimension()})
 * @param prefixes string constants of the class's static initialiser other than its file names (where a query or
 *     passage prefix would be); empty for every artifact published so far
 * @param truncation the tokenizer file's {@code truncation.max_length}, special tokens included; empty when it sets none
 * @param inputs the ONNX graph's input names, in order
 * @param outputs the ONNX graph's output names, in order (LangChain4j pools the first)
 * @param positions rows of the graph's position-embedding table: the most tokens one inference call takes
 * @param modelCard the first address in the jar's README, or empty
 */
public record ModelFacts(String className, String onnxEntry, String tokenizerEntry, Pooling pooling, int dimension,
        List<String> prefixes, OptionalInt truncation, List<String> inputs, List<String> outputs, int positions, String modelCard) {

    /** @throws NullPointerException if a list is null; copies them */
    public ModelFacts {
        prefixes = List.copyOf(prefixes);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * The tokens of one piece when LangChain4j splits a text longer than the model's window: the positions less the
     * two special tokens ({@code [CLS]}, {@code [SEP]}) each piece gets again. 510 for every published model, which is
     * LangChain4j's own constant ({@code OnnxBertBiEncoder.MAX_SEQUENCE_LENGTH}).
     */
    public int pieceTokens() {
        return positions - 2;
    }

    private static final String MODEL_PACKAGE = "dev/langchain4j/model/embedding/onnx/";
    private static final String POOLING_MODE = "dev/langchain4j/model/embedding/onnx/PoolingMode";

    /**
     * Reads a model artifact's jar.
     *
     * @throws LabException naming the jar and what is missing or unreadable in it
     */
    static ModelFacts read(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> classes = zip.stream()
                    .filter(e -> e.getName().startsWith(MODEL_PACKAGE) && e.getName().endsWith("EmbeddingModel.class")).toList();
            if (classes.size() != 1) {
                throw new LabException("model jar %s holds %d LangChain4j model classes (%s*EmbeddingModel.class), expected 1"
                        .formatted(jar, classes.size(), MODEL_PACKAGE));
            }
            ZipEntry classEntry = classes.getFirst();
            ClassModel cls = ClassFile.of().parse(bytes(zip, classEntry));
            List<String> strings = new ArrayList<>();
            Pooling pooling = null;
            int dimension = 0;
            for (MethodModel m : cls.methods()) {
                String method = m.methodName().stringValue();
                CodeModel code = m.code().orElse(null);
                if (code == null) {
                    continue;
                }
                for (var element : code) {
                    if (method.equals("<clinit>") && element instanceof ConstantInstruction.LoadConstantInstruction ldc
                            && ldc.constantEntry() instanceof StringEntry s) {
                        strings.add(s.stringValue());
                    } else if (method.equals("<clinit>") && element instanceof FieldInstruction f
                            && f.owner().asInternalName().equals(POOLING_MODE)) {
                        pooling = poolingOf(f.name().stringValue(), jar);
                    } else if (method.equals("knownDimension") && element instanceof ConstantInstruction c
                            && c.constantValue() instanceof Integer d) {
                        dimension = d;
                    }
                }
            }
            String onnx = strings.stream().filter(s -> s.endsWith(".onnx")).findFirst().orElse(null);
            String tokenizer = strings.stream().filter(s -> s.endsWith("tokenizer.json")).findFirst().orElse(null);
            if (onnx == null || tokenizer == null || pooling == null) {
                throw new LabException("%s in %s does not name an ONNX file, a tokenizer file and a pooling mode as LangChain4j's model classes do (found %s, pooling %s)"
                        .formatted(classEntry.getName(), jar, strings, pooling));
            }
            List<String> prefixes = strings.stream().filter(s -> !s.equals(onnx) && !s.equals(tokenizer)).toList();
            String className = classEntry.getName().replace('/', '.').replaceAll("\\.class$", "");
            OptionalInt truncation = truncationOf(new String(bytes(zip, entry(zip, jar, tokenizer)), StandardCharsets.UTF_8), jar);
            Graph graph;
            try (InputStream in = zip.getInputStream(entry(zip, jar, onnx))) {
                graph = Graph.read(in);
            }
            if (graph.positions() < 3) {
                throw new LabException("%s in %s has no position-embedding table (an initializer named *position_embeddings*)".formatted(onnx, jar));
            }
            ZipEntry readme = zip.getEntry("README");
            String card = "";
            if (readme != null) {
                Matcher url = Pattern.compile("https?://\\S+").matcher(new String(bytes(zip, readme), StandardCharsets.UTF_8));
                card = url.find() ? url.group() : "";
            }
            return new ModelFacts(className, onnx, tokenizer, pooling, dimension, prefixes, truncation, graph.inputs(), graph.outputs(),
                    graph.positions(), card);
        } catch (IOException | IllegalArgumentException e) {
            throw new LabException("cannot read model jar %s: %s".formatted(jar, e.getMessage()), e);
        }
    }

    /**
     * Reads a model artifact's jar, or the facts stored from it before in {@code store} when they were read from a jar
     * of the same size and time; stores them there otherwise (a small file beside the unpacked model).
     *
     * @throws LabException as {@link #read(Path)}, or if the facts cannot be stored
     */
    static ModelFacts cached(Path jar, Path store) {
        String stamp;
        try {
            stamp = Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new LabException("cannot read model jar %s: %s".formatted(jar, e.getMessage()), e);
        }
        if (Files.isRegularFile(store)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(store)) {
                p.load(in);
                if (stamp.equals(p.getProperty("jar"))) {
                    return new ModelFacts(p.getProperty("className"), p.getProperty("onnxEntry"), p.getProperty("tokenizerEntry"),
                            Pooling.valueOf(p.getProperty("pooling")), Integer.parseInt(p.getProperty("dimension")), list(p.getProperty("prefixes")),
                            p.getProperty("truncation").isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(p.getProperty("truncation"))),
                            list(p.getProperty("inputs")), list(p.getProperty("outputs")), Integer.parseInt(p.getProperty("positions")),
                            p.getProperty("modelCard"));
                }
            } catch (IOException | RuntimeException e) {
                // A stored copy that cannot be read is only a copy: the jar is read again below and the copy replaced.
            }
        }
        ModelFacts f = read(jar);
        Properties p = new Properties();
        p.setProperty("jar", stamp);
        p.setProperty("className", f.className());
        p.setProperty("onnxEntry", f.onnxEntry());
        p.setProperty("tokenizerEntry", f.tokenizerEntry());
        p.setProperty("pooling", f.pooling().name());
        p.setProperty("dimension", Integer.toString(f.dimension()));
        p.setProperty("prefixes", String.join("\n", f.prefixes()));
        p.setProperty("truncation", f.truncation().isPresent() ? Integer.toString(f.truncation().getAsInt()) : "");
        p.setProperty("inputs", String.join("\n", f.inputs()));
        p.setProperty("outputs", String.join("\n", f.outputs()));
        p.setProperty("positions", Integer.toString(f.positions()));
        p.setProperty("modelCard", f.modelCard());
        try {
            Files.createDirectories(store.getParent());
            Path tmp = Files.createTempFile(store.getParent(), store.getFileName().toString(), ".part");
            try {
                try (var out = Files.newOutputStream(tmp)) {
                    p.store(out, "read from " + jar + " by greenloop lab (ModelFacts)");
                }
                Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new LabException("cannot store what %s says in %s: %s".formatted(jar, store, e.getMessage()), e);
        }
        return f;
    }

    private static List<String> list(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split("\n", -1));
    }

    private static Pooling poolingOf(String field, Path jar) {
        try {
            return Pooling.valueOf(field.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LabException("model jar %s asks for LangChain4j's pooling mode %s; the lab pools %s".formatted(jar, field,
                    java.util.Arrays.toString(Pooling.values()).toLowerCase(Locale.ROOT)), e);
        }
    }

    /**
     * The {@code truncation.max_length} of a Hugging Face {@code tokenizer.json}; empty when {@code truncation} is null.
     *
     * @param where the file or jar it came from, for messages
     * @throws LabException if truncation is set without a length
     */
    static OptionalInt truncationOf(String tokenizerJson, Path where) {
        JsonElement t = JsonParser.parseString(tokenizerJson).getAsJsonObject().get("truncation");
        if (t == null || t.isJsonNull()) {
            return OptionalInt.empty();
        }
        JsonObject o = t.getAsJsonObject();
        if (!o.has("max_length")) {
            throw new LabException("the tokenizer in %s sets truncation without a max_length: %s".formatted(where, o));
        }
        return OptionalInt.of(o.get("max_length").getAsInt());
    }

    private static ZipEntry entry(ZipFile zip, Path jar, String name) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new LabException("model jar %s has no %s, which its LangChain4j class loads".formatted(jar, name));
        }
        return e;
    }

    private static byte[] bytes(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    /** The parts of an ONNX graph the catalog shows, streamed: the weights are skipped, never held. */
    record Graph(List<String> inputs, List<String> outputs, int positions) {

        // Field numbers of onnx.proto: ModelProto.graph = 7; GraphProto.initializer = 5, input = 11, output = 12;
        // TensorProto.dims = 1, name = 8.
        static Graph read(InputStream stream) throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(stream);
            in.setSizeLimit(Integer.MAX_VALUE);
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            int positions = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) != 7) {
                    in.skipField(tag);
                    continue;
                }
                int graphLimit = in.pushLimit(in.readRawVarint32());
                for (int g = in.readTag(); g != 0; g = in.readTag()) {
                    switch (WireFormat.getTagFieldNumber(g)) {
                        case 11 -> inputs.add(ValueInfoProto.parseFrom(in.readBytes()).getName());
                        case 12 -> outputs.add(ValueInfoProto.parseFrom(in.readBytes()).getName());
                        case 5 -> positions = Math.max(positions, positionsOf(in));
                        default -> in.skipField(g);
                    }
                }
                in.popLimit(graphLimit);
            }
            return new Graph(inputs, outputs, positions);
        }

        /** The first dimension of an initializer named like a position-embedding table, else 0. */
        private static int positionsOf(CodedInputStream in) throws IOException {
            int limit = in.pushLimit(in.readRawVarint32());
            List<Long> dims = new ArrayList<>();
            String name = "";
            for (int t = in.readTag(); t != 0; t = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(t);
                if (field == 1 && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_VARINT) {
                    dims.add(in.readInt64());
                } else if (field == 1) {
                    int packed = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        dims.add(in.readInt64());
                    }
                    in.popLimit(packed);
                } else if (field == 8) {
                    name = in.readString();
                } else {
                    in.skipField(t);
                }
            }
            in.popLimit(limit);
            return name.contains("position_embeddings") && dims.size() == 2 ? Math.toIntExact(dims.getFirst()) : 0;
        }
    }
}
