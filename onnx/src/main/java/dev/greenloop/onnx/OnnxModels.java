package dev.greenloop.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.StringStringEntryProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes ONNX model files.
 *
 * <p>Reading maps the file into memory and lets protobuf alias tensor bytes ({@code raw_data}) to the mapping
 * instead of copying them, so a 100 MB encoder costs little more than its mapped pages. Fields this module's
 * schema leaves out are kept as unknown fields and written back unchanged.
 */
public final class OnnxModels {

    private OnnxModels() {}

    /**
     * Reads a model file. Tensors stored in external data files ({@code data_location = EXTERNAL}) are read
     * from the file they name, relative to the model's folder, and inlined as {@code raw_data}.
     *
     * <p>The returned model's tensor bytes are the file's mapped pages: replacing the file (as {@link #write}
     * does, by moving a new file over it) is safe, truncating or rewriting it in place while the model is in use
     * is not.
     *
     * @throws OnnxFormatException if the file is not a valid ONNX model
     * @throws UncheckedIOException if the file or an external data file cannot be read
     */
    public static ModelProto read(Path file) {
        ByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX model " + file, e);
        }
        ModelProto model = parse(mapped, file.toString());
        return hasExternalData(model.getGraph()) ? inlineExternalData(model, file.toAbsolutePath().getParent()) : model;
    }

    /**
     * Parses a serialized model held in {@code bytes}. Large tensor bytes alias {@code bytes}, which must not
     * change afterwards.
     *
     * @throws OnnxFormatException if the bytes are not a valid ONNX model
     */
    public static ModelProto parse(ByteBuffer bytes, String source) {
        try {
            // A ByteString over the buffer gives a decoder that knows the bytes are immutable, which is what lets
            // aliasing share them (CodedInputStream.newInstance(ByteBuffer) would copy every tensor).
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(bytes.duplicate()).newCodedInput();
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            ModelProto model = ModelProto.parseFrom(in);
            if (!model.hasGraph()) {
                throw new OnnxFormatException(source + " is not an ONNX model: it has no graph");
            }
            return model;
        } catch (IOException e) {
            throw new OnnxFormatException(source + " is not an ONNX model: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code model} to {@code file}, replacing it atomically: the model is written to a sibling temporary
     * file first, so a model read from (and still mapped from) the same path stays intact.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(ModelProto model, Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 20);
            model.writeTo(coded);
            coded.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ONNX model " + file, e);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file + " with " + tmp, e);
        }
    }

    /** The model's serialized size in bytes, as {@link #write} would write it. */
    public static long sizeBytes(ModelProto model) {
        return model.getSerializedSize();
    }

    private static boolean hasExternalData(GraphProto graph) {
        for (TensorProto t : graph.getInitializerList()) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                return true;
            }
        }
        return false;
    }

    private static ModelProto inlineExternalData(ModelProto model, Path folder) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            String location = null;
            long offset = 0;
            long length = -1;
            for (StringStringEntryProto e : t.getExternalDataList()) {
                switch (e.getKey()) {
                    case "location" -> location = e.getValue();
                    case "offset" -> offset = Long.parseLong(e.getValue());
                    case "length" -> length = Long.parseLong(e.getValue());
                    default -> { /* checksum and unknown keys do not change where the bytes are */ }
                }
            }
            if (location == null) {
                throw new OnnxFormatException("tensor " + t.getName() + " is EXTERNAL but names no location");
            }
            Path data = folder.resolve(location).normalize();
            if (!data.startsWith(folder)) {
                throw new OnnxFormatException("tensor " + t.getName() + ": external data " + location + " lies outside " + folder);
            }
            try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
                long size = length >= 0 ? length : channel.size() - offset;
                ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, offset, size);
                graph.setInitializer(i, t.toBuilder().clearExternalData().clearDataLocation()
                        .setRawData(ByteString.copyFrom(bytes)).build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read external data " + data + " of tensor " + t.getName(), e);
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }
}
