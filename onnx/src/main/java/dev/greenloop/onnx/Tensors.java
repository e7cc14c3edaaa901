package dev.greenloop.onnx;

import com.google.protobuf.UnsafeByteOperations;
import dev.greenloop.onnx.proto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts tensors ({@code TensorProto}) to and from Java arrays. Tensors this class builds hold their values in
 * {@code raw_data}, little-endian, as ONNX requires of raw data.
 */
public final class Tensors {

    private Tensors() {}

    /** The tensor's shape. */
    public static long[] dims(TensorProto tensor) {
        return tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The number of elements: the product of the dimensions, 1 for a scalar. */
    public static long elementCount(TensorProto tensor) {
        long n = 1;
        for (long d : tensor.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** Bytes one element of ONNX data type {@code dataType} takes in {@code raw_data}; 0 where not fixed-width. */
    public static int elementBytes(int dataType) {
        return switch (dataType) {
            case TensorProto.DataType.FLOAT_VALUE, TensorProto.DataType.INT32_VALUE, TensorProto.DataType.UINT32_VALUE -> 4;
            case TensorProto.DataType.DOUBLE_VALUE, TensorProto.DataType.INT64_VALUE, TensorProto.DataType.UINT64_VALUE -> 8;
            case TensorProto.DataType.FLOAT16_VALUE, TensorProto.DataType.BFLOAT16_VALUE,
                 TensorProto.DataType.INT16_VALUE, TensorProto.DataType.UINT16_VALUE -> 2;
            case TensorProto.DataType.INT8_VALUE, TensorProto.DataType.UINT8_VALUE, TensorProto.DataType.BOOL_VALUE -> 1;
            default -> 0;
        };
    }

    /** The bytes the tensor's values take in the model file (its data field, not its name or shape). */
    public static long dataBytes(TensorProto tensor) {
        if (tensor.hasRawData()) {
            return tensor.getRawData().size();
        }
        return (long) tensor.getFloatDataCount() * 4 + (long) tensor.getInt32DataCount() * 4
                + (long) tensor.getInt64DataCount() * 8 + (long) tensor.getDoubleDataCount() * 8
                + (long) tensor.getUint64DataCount() * 8;
    }

    /**
     * The values of a FLOAT tensor, row-major.
     *
     * @throws OnnxFormatException if the tensor is not FLOAT or its data does not match its shape
     */
    public static float[] floats(TensorProto tensor) {
        if (tensor.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxFormatException("tensor %s has data type %d, not FLOAT (1)".formatted(tensor.getName(), tensor.getDataType()));
        }
        int n = Math.toIntExact(elementCount(tensor));
        float[] values = new float[n];
        if (tensor.hasRawData()) {
            ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (raw.remaining() != 4L * n) {
                throw new OnnxFormatException("tensor %s: raw_data has %d bytes for %d floats".formatted(tensor.getName(), raw.remaining(), n));
            }
            raw.asFloatBuffer().get(values);
        } else {
            if (tensor.getFloatDataCount() != n) {
                throw new OnnxFormatException("tensor %s: float_data has %d values for %d elements".formatted(tensor.getName(), tensor.getFloatDataCount(), n));
            }
            for (int i = 0; i < n; i++) {
                values[i] = tensor.getFloatData(i);
            }
        }
        return values;
    }

    /**
     * The values of an INT64 or INT32 tensor, row-major.
     *
     * @throws OnnxFormatException if the tensor holds another type
     */
    public static long[] longs(TensorProto tensor) {
        int n = Math.toIntExact(elementCount(tensor));
        long[] values = new long[n];
        if (tensor.getDataType() == TensorProto.DataType.INT64_VALUE) {
            if (tensor.hasRawData()) {
                tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
            } else {
                for (int i = 0; i < n; i++) {
                    values[i] = tensor.getInt64Data(i);
                }
            }
        } else if (tensor.getDataType() == TensorProto.DataType.INT32_VALUE) {
            ByteBuffer raw = tensor.hasRawData() ? tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
            for (int i = 0; i < n; i++) {
                values[i] = raw != null ? raw.getInt(4 * i) : tensor.getInt32Data(i);
            }
        } else {
            throw new OnnxFormatException("tensor %s has data type %d, not INT64 (7) or INT32 (6)".formatted(tensor.getName(), tensor.getDataType()));
        }
        return values;
    }

    /** A FLOAT tensor named {@code name} of shape {@code dims} holding {@code values} (row-major). */
    public static TensorProto ofFloats(String name, long[] dims, float[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return raw(name, TensorProto.DataType.FLOAT, dims, raw.array());
    }

    /** An INT64 tensor named {@code name} of shape {@code dims} holding {@code values}. */
    public static TensorProto ofLongs(String name, long[] dims, long[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return raw(name, TensorProto.DataType.INT64, dims, raw.array());
    }

    /** A tensor of one-byte elements (INT8, UINT8 or BOOL) named {@code name} holding {@code values}. */
    public static TensorProto ofBytes(String name, TensorProto.DataType type, long[] dims, byte[] values) {
        if (elementBytes(type.getNumber()) != 1) {
            throw new IllegalArgumentException("tensor " + name + ": " + type + " is not a one-byte type");
        }
        checkCount(name, dims, values.length);
        return raw(name, type, dims, values.clone());
    }

    private static TensorProto raw(String name, TensorProto.DataType type, long[] dims, byte[] bytes) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long d : dims) {
            b.addDims(d);
        }
        // the arrays passed here are fresh and never written again, so wrapping them without a copy is safe
        return b.setRawData(UnsafeByteOperations.unsafeWrap(bytes)).build();
    }

    private static void checkCount(String name, long[] dims, int count) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor %s: negative dimension %d".formatted(name, d));
            }
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("tensor %s: %d values for shape %s".formatted(name, count, java.util.Arrays.toString(dims)));
        }
    }
}
