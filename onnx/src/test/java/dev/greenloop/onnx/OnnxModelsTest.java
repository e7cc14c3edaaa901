package dev.greenloop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.StringStringEntryProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelsTest {

    @TempDir
    Path dir;

    @Test
    void readWrite_unknownFields_surviveTheRoundTrip() {
        ModelProto model = TestModels.mlp(1, 8, 16, 4, false);
        // ModelProto.functions (25) and NodeProto.metadata_props (9) are not in this module's schema.
        UnknownFieldSet functions = UnknownFieldSet.newBuilder()
                .addField(25, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("\n\u0003fun")).build()).build();
        UnknownFieldSet nodeMeta = UnknownFieldSet.newBuilder()
                .addField(9, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("\n\u0001k\u0012\u0001v")).build()).build();
        NodeProto first = model.getGraph().getNode(0).toBuilder().setUnknownFields(nodeMeta).build();
        ModelProto withUnknown = model.toBuilder().setUnknownFields(functions)
                .setGraph(model.getGraph().toBuilder().setNode(0, first)).build();
        byte[] bytes = withUnknown.toByteArray();

        ModelProto parsed = OnnxModels.parse(ByteBuffer.wrap(bytes), "test");
        assertTrue(parsed.getUnknownFields().hasField(25));
        assertTrue(parsed.getGraph().getNode(0).getUnknownFields().hasField(9));
        Path file = dir.resolve("m.onnx");
        OnnxModels.write(parsed, file);
        ModelProto reread = OnnxModels.read(file);
        assertArrayEquals(bytes, reread.toByteArray());
        // and through a transform that rewrites other nodes than the annotated one
        ModelProto transformed = Transforms.prunedFfn(50).apply(reread).model();
        assertTrue(transformed.getUnknownFields().hasField(25));
        assertTrue(transformed.getGraph().getNode(0).getUnknownFields().hasField(9));
    }

    @Test
    void write_overTheFileItWasReadFrom_keepsTheModel() throws IOException {
        Path file = dir.resolve("same.onnx");
        ModelProto model = TestModels.mlp(2, 8, 16, 4, false);
        OnnxModels.write(model, file);
        ModelProto read = OnnxModels.read(file);
        ModelProto changed = Transforms.lowRankEverywhere(1.0).apply(read).model();
        OnnxModels.write(changed, file);
        assertEquals(changed, OnnxModels.read(file));
        assertEquals(OnnxModels.sizeBytes(changed), Files.size(file));
    }

    @Test
    void read_externalData_isInlined() throws IOException {
        float[] w = TestModels.gaussian(new Random(3), 8 * 16, 1);
        ByteBuffer raw = ByteBuffer.allocate(4096 + 4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.position(4096);
        raw.asFloatBuffer().put(w);
        Files.write(dir.resolve("weights.bin"), raw.array());
        ModelProto model = TestModels.mlp(3, 8, 16, 4, false);
        TensorProto external = TensorProto.newBuilder().setName("W1").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(8).addDims(16)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("4096"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(String.valueOf(4 * w.length)))
                .build();
        ModelProto withExternal = model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(0, external)).build();
        Files.write(dir.resolve("ext.onnx"), withExternal.toByteArray());

        TensorProto w1 = Graphs.initializers(OnnxModels.read(dir.resolve("ext.onnx")).getGraph()).get("W1");
        assertArrayEquals(w, Tensors.floats(w1));
        assertEquals(TensorProto.DataLocation.DEFAULT, w1.getDataLocation());
    }

    @Test
    void read_notAModel_saysWhich() throws IOException {
        Path file = dir.resolve("junk.onnx");
        Files.writeString(file, "not a model at all");
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxModels.read(file));
        assertTrue(e.getMessage().contains("junk.onnx"), e.getMessage());
    }

    @Test
    void tensors_floatData_andRawData_readAlike() {
        TensorProto viaFields = TensorProto.newBuilder().setName("t").setDataType(1).addDims(3).addFloatData(1).addFloatData(-2).addFloatData(3.5f).build();
        TensorProto viaRaw = Tensors.ofFloats("t", new long[] {3}, new float[] {1, -2, 3.5f});
        assertArrayEquals(Tensors.floats(viaFields), Tensors.floats(viaRaw));
        assertEquals(12, Tensors.dataBytes(viaRaw));
        assertThrows(IllegalArgumentException.class, () -> Tensors.ofFloats("t", new long[] {2, 2}, new float[3]));
        assertThrows(OnnxFormatException.class, () -> Tensors.floats(Tensors.ofLongs("i", new long[] {1}, new long[] {1})));
    }

    @Test
    void editor_requireOpset_addsTheDomainOnce() {
        ModelEditor editor = new ModelEditor(TestModels.mlp(1, 8, 16, 4, false));
        editor.requireOpset("com.microsoft", 1);
        editor.requireOpset("com.microsoft", 1);
        ModelProto m = editor.build();
        assertEquals(1, m.getOpsetImportList().stream().filter(o -> o.getDomain().equals("com.microsoft")).count());
        assertEquals(17, new ModelEditor(m).opsetVersion(""));
        assertEquals("W1_1", editor.freshName("W1"));
    }
}
