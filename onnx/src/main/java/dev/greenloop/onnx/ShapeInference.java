package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.AttributeProto;
import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Concrete shape propagation through a graph whose input shapes are bound to numbers, for {@link Flops}.
 *
 * <p>Knows the operators of exported transformer encoders (elementwise with broadcasting, reductions,
 * Transpose, Reshape, Gather, Unsqueeze/Squeeze, Concat, Slice, Softmax, the matrix products and the quantized
 * ones this module writes) and evaluates small INT64 tensors (at most {@value #MAX_VALUES} values) so that
 * Reshape targets computed from {@code Shape} resolve. An operator it does not know leaves its outputs unknown
 * (null), and so does everything that depends on them.
 */
final class ShapeInference {

    private static final int MAX_VALUES = 64;

    private final GraphProto graph;
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, long[]> values = new HashMap<>();

    ShapeInference(GraphProto graph) {
        this.graph = graph;
        for (TensorProto t : graph.getInitializerList()) {
            shapes.put(t.getName(), Tensors.dims(t));
            constant(t.getName(), t);
        }
    }

    void setInput(String name, long[] shape) {
        shapes.put(name, shape);
    }

    long[] shape(String value) {
        return shapes.get(value);
    }

    void run() {
        for (NodeProto node : graph.getNodeList()) {
            try {
                infer(node);
            } catch (RuntimeException e) {
                // A node this inference misreads only leaves its outputs unknown; Flops reports what depends on them.
                for (String out : node.getOutputList()) {
                    shapes.remove(out);
                    values.remove(out);
                }
            }
        }
    }

    private void constant(String name, TensorProto t) {
        if ((t.getDataType() == TensorProto.DataType.INT64_VALUE || t.getDataType() == TensorProto.DataType.INT32_VALUE)
                && Tensors.elementCount(t) <= MAX_VALUES) {
            values.put(name, Tensors.longs(t));
        }
    }

    private void infer(NodeProto node) {
        String op = node.getOpType();
        String out = node.getOutputCount() > 0 ? node.getOutput(0) : "";
        long[] a = node.getInputCount() > 0 ? shapes.get(node.getInput(0)) : null;
        switch (op) {
            case "Constant" -> {
                for (AttributeProto attr : node.getAttributeList()) {
                    switch (attr.getName()) {
                        case "value" -> {
                            shapes.put(out, Tensors.dims(attr.getT()));
                            constant(out, attr.getT());
                        }
                        case "value_int" -> {
                            shapes.put(out, new long[0]);
                            values.put(out, new long[] {attr.getI()});
                        }
                        case "value_ints" -> {
                            shapes.put(out, new long[] {attr.getIntsCount()});
                            values.put(out, attr.getIntsList().stream().mapToLong(Long::longValue).toArray());
                        }
                        case "value_float" -> shapes.put(out, new long[0]);
                        default -> { /* other constant kinds: shape unknown */ }
                    }
                }
            }
            case "Shape" -> {
                if (a != null) {
                    shapes.put(out, new long[] {a.length});
                    values.put(out, a.clone());
                }
            }
            case "Add", "Sub", "Mul", "Div", "Pow", "Equal", "Less", "Greater", "And", "Or", "Where", "Max", "Min", "Mod" -> {
                long[] s = null;
                boolean allKnown = true;
                for (String in : node.getInputList()) {
                    long[] si = shapes.get(in);
                    if (si == null) {
                        allKnown = false;
                        break;
                    }
                    s = s == null ? si : broadcast(s, si);
                }
                if (allKnown && s != null) {
                    shapes.put(out, s);
                    if (node.getInputCount() == 2 && values.containsKey(node.getInput(0)) && values.containsKey(node.getInput(1))) {
                        evaluateBinary(op, node, out, s);
                    }
                }
            }
            case "Cast", "Identity", "Relu", "Erf", "Sqrt", "Tanh", "Sigmoid", "Neg", "Abs", "Exp", "Log", "Softmax", "Gelu",
                 "FastGelu", "Not", "Dropout", "Clip", "LeakyRelu", "Softplus", "BiasGelu", "LayerNormalization",
                 "SkipLayerNormalization", "DequantizeLinear", "QuantizeLinear", "DynamicQuantizeLinear" -> {
                if (a != null) {
                    shapes.put(out, a);
                    if (op.equals("DynamicQuantizeLinear") && node.getOutputCount() == 3) {
                        shapes.put(node.getOutput(1), new long[0]);
                        shapes.put(node.getOutput(2), new long[0]);
                    }
                    if ((op.equals("Cast") || op.equals("Identity")) && values.containsKey(node.getInput(0))) {
                        values.put(out, values.get(node.getInput(0)));
                    }
                }
            }
            case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin" -> {
                if (a != null) {
                    long[] axes = Graphs.intsAttribute(node, "axes");
                    if (axes == null && node.getInputCount() > 1) {
                        axes = values.get(node.getInput(1));
                    }
                    boolean keep = Graphs.intAttribute(node, "keepdims").orElse(1L) != 0;
                    shapes.put(out, reduce(a, axes, keep));
                }
            }
            case "Transpose" -> {
                if (a != null) {
                    long[] perm = Graphs.intsAttribute(node, "perm");
                    long[] s = new long[a.length];
                    for (int i = 0; i < a.length; i++) {
                        s[i] = perm == null ? a[a.length - 1 - i] : a[(int) perm[i]];
                    }
                    shapes.put(out, s);
                }
            }
            case "Reshape" -> {
                long[] target = values.get(node.getInput(1));
                if (a != null && target != null) {
                    shapes.put(out, reshape(a, target));
                }
            }
            case "Unsqueeze" -> {
                long[] axes = Graphs.intsAttribute(node, "axes");
                if (axes == null && node.getInputCount() > 1) {
                    axes = values.get(node.getInput(1));
                }
                if (a != null && axes != null) {
                    int rank = a.length + axes.length;
                    boolean[] inserted = new boolean[rank];
                    for (long ax : axes) {
                        inserted[(int) (ax < 0 ? ax + rank : ax)] = true;
                    }
                    long[] s = new long[rank];
                    for (int i = 0, j = 0; i < rank; i++) {
                        s[i] = inserted[i] ? 1 : a[j++];
                    }
                    shapes.put(out, s);
                    if (values.containsKey(node.getInput(0))) {
                        values.put(out, values.get(node.getInput(0)));
                    }
                }
            }
            case "Squeeze" -> {
                long[] axes = Graphs.intsAttribute(node, "axes");
                if (axes == null && node.getInputCount() > 1) {
                    axes = values.get(node.getInput(1));
                }
                if (a != null) {
                    long[] s = squeeze(a, axes);
                    shapes.put(out, s);
                    if (values.containsKey(node.getInput(0))) {
                        values.put(out, values.get(node.getInput(0)));
                    }
                }
            }
            case "Concat" -> concat(node, out);
            case "Gather" -> gather(node, out, a);
            case "Slice" -> slice(node, out, a);
            case "ConstantOfShape" -> {
                long[] s = values.get(node.getInput(0));
                if (s != null) {
                    shapes.put(out, s);
                }
            }
            case "Expand" -> {
                long[] s = values.get(node.getInput(1));
                if (a != null && s != null) {
                    shapes.put(out, broadcast(a, s));
                }
            }
            case "MatMul", "MatMulInteger" -> {
                long[] b = shapes.get(node.getInput(1));
                if (a != null && b != null) {
                    shapes.put(out, matMulShape(a, b));
                }
            }
            case "Gemm" -> {
                long[] b = shapes.get(node.getInput(1));
                if (a != null && b != null) {
                    boolean ta = Graphs.intAttribute(node, "transA").orElse(0L) != 0;
                    boolean tb = Graphs.intAttribute(node, "transB").orElse(0L) != 0;
                    shapes.put(out, new long[] {ta ? a[1] : a[0], tb ? b[0] : b[1]});
                }
            }
            case "MatMulNBits" -> {
                if (a != null) {
                    long[] s = a.clone();
                    s[s.length - 1] = Graphs.intAttribute(node, "N").orElseThrow();
                    shapes.put(out, s);
                }
            }
            default -> { /* unknown operator: its outputs stay unknown */ }
        }
    }

    private void evaluateBinary(String op, NodeProto node, String out, long[] shape) {
        long[] x = values.get(node.getInput(0));
        long[] y = values.get(node.getInput(1));
        int n = Math.toIntExact(count(shape));
        if (n > MAX_VALUES || (x.length != 1 && x.length != n) || (y.length != 1 && y.length != n)) {
            return;
        }
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            long p = x[x.length == 1 ? 0 : i];
            long q = y[y.length == 1 ? 0 : i];
            r[i] = switch (op) {
                case "Add" -> p + q;
                case "Sub" -> p - q;
                case "Mul" -> p * q;
                case "Div" -> q == 0 ? 0 : p / q;
                case "Max" -> Math.max(p, q);
                case "Min" -> Math.min(p, q);
                default -> throw new IllegalStateException("not evaluated: " + op);
            };
        }
        values.put(out, r);
    }

    private void concat(NodeProto node, String out) {
        long axis = Graphs.intAttribute(node, "axis").orElse(0L);
        long[] s = null;
        long[] v = new long[0];
        boolean valuesKnown = true;
        for (String in : node.getInputList()) {
            long[] si = shapes.get(in);
            if (si == null) {
                return;
            }
            int ax = (int) (axis < 0 ? axis + si.length : axis);
            if (s == null) {
                s = si.clone();
            } else {
                s[ax] += si[ax];
            }
            long[] vi = values.get(in);
            if (vi == null) {
                valuesKnown = false;
            } else if (valuesKnown) {
                v = concatArrays(v, vi);
            }
        }
        shapes.put(out, s);
        if (valuesKnown && s != null && s.length == 1) {
            values.put(out, v);
        }
    }

    private void gather(NodeProto node, String out, long[] data) {
        long[] idxShape = shapes.get(node.getInput(1));
        if (data == null || idxShape == null) {
            return;
        }
        int axis = (int) (long) Graphs.intAttribute(node, "axis").orElse(0L);
        if (axis < 0) {
            axis += data.length;
        }
        long[] s = new long[data.length - 1 + idxShape.length];
        int j = 0;
        for (int i = 0; i < axis; i++) {
            s[j++] = data[i];
        }
        for (long d : idxShape) {
            s[j++] = d;
        }
        for (int i = axis + 1; i < data.length; i++) {
            s[j++] = data[i];
        }
        shapes.put(out, s);
        long[] dv = values.get(node.getInput(0));
        long[] iv = values.get(node.getInput(1));
        if (dv != null && iv != null && data.length == 1) {
            long[] r = new long[iv.length];
            for (int i = 0; i < iv.length; i++) {
                r[i] = dv[(int) (iv[i] < 0 ? iv[i] + dv.length : iv[i])];
            }
            values.put(out, r);
        }
    }

    private void slice(NodeProto node, String out, long[] data) {
        if (data == null) {
            return;
        }
        long[] starts = node.getInputCount() > 1 ? values.get(node.getInput(1)) : Graphs.intsAttribute(node, "starts");
        long[] ends = node.getInputCount() > 2 ? values.get(node.getInput(2)) : Graphs.intsAttribute(node, "ends");
        long[] axes = node.getInputCount() > 3 && !node.getInput(3).isEmpty() ? values.get(node.getInput(3)) : Graphs.intsAttribute(node, "axes");
        long[] steps = node.getInputCount() > 4 && !node.getInput(4).isEmpty() ? values.get(node.getInput(4)) : null;
        if (starts == null || ends == null) {
            return;
        }
        long[] s = data.clone();
        long[] dv = values.get(node.getInput(0));
        long[] sliced = null;
        for (int i = 0; i < starts.length; i++) {
            int ax = axes == null ? i : (int) (axes[i] < 0 ? axes[i] + data.length : axes[i]);
            long step = steps == null ? 1 : steps[i];
            long dim = data[ax];
            long st = clampIndex(starts[i], dim);
            long en = clampIndex(ends[i], dim);
            s[ax] = step > 0 ? Math.max(0, (en - st + step - 1) / step) : Math.max(0, (st - en - step - 1) / -step);
            if (dv != null && data.length == 1 && step == 1) {
                sliced = Arrays.copyOfRange(dv, (int) st, (int) Math.max(st, en));
            }
        }
        shapes.put(out, s);
        if (sliced != null) {
            values.put(out, sliced);
        }
    }

    private static long clampIndex(long i, long dim) {
        long x = i < 0 ? i + dim : i;
        return Math.clamp(x, 0, dim);
    }

    private static long[] broadcast(long[] x, long[] y) {
        int rank = Math.max(x.length, y.length);
        long[] s = new long[rank];
        for (int i = 0; i < rank; i++) {
            long dx = i < rank - x.length ? 1 : x[i - (rank - x.length)];
            long dy = i < rank - y.length ? 1 : y[i - (rank - y.length)];
            s[i] = dx == 1 ? dy : dx;
        }
        return s;
    }

    private static long[] reduce(long[] a, long[] axes, boolean keep) {
        boolean[] reduced = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            reduced[i] = axes == null;
        }
        if (axes != null) {
            for (long ax : axes) {
                reduced[(int) (ax < 0 ? ax + a.length : ax)] = true;
            }
        }
        long[] s = new long[a.length];
        int j = 0;
        for (int i = 0; i < a.length; i++) {
            if (!reduced[i]) {
                s[j++] = a[i];
            } else if (keep) {
                s[j++] = 1;
            }
        }
        return Arrays.copyOf(s, j);
    }

    private static long[] reshape(long[] a, long[] target) {
        long[] s = target.clone();
        long total = count(a);
        long known = 1;
        int infer = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                s[i] = a[i];
            }
            if (s[i] == -1) {
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            s[infer] = total / known;
        }
        return s;
    }

    private static long[] squeeze(long[] a, long[] axes) {
        long[] s = new long[a.length];
        int j = 0;
        for (int i = 0; i < a.length; i++) {
            boolean drop = false;
            if (axes == null) {
                drop = a[i] == 1;
            } else {
                for (long ax : axes) {
                    drop |= (ax < 0 ? ax + a.length : ax) == i;
                }
            }
            if (!drop) {
                s[j++] = a[i];
            }
        }
        return Arrays.copyOf(s, j);
    }

    private static long[] matMulShape(long[] a, long[] b) {
        long[] aa = a.length == 1 ? new long[] {1, a[0]} : a;
        long[] bb = b.length == 1 ? new long[] {b[0], 1} : b;
        long[] batch = broadcast(Arrays.copyOf(aa, aa.length - 2), Arrays.copyOf(bb, bb.length - 2));
        long[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = aa[aa.length - 2];
        s[batch.length + 1] = bb[bb.length - 1];
        if (b.length == 1) {
            s = Arrays.copyOf(s, s.length - 1);
        }
        if (a.length == 1) {
            long[] t = new long[s.length - 1];
            System.arraycopy(s, 0, t, 0, s.length - 2);
            t[t.length - 1] = s[s.length - 1];
            s = t;
        }
        return s;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static long[] concatArrays(long[] x, long[] y) {
        long[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
