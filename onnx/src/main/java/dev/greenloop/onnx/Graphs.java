package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.AttributeProto;
import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import dev.greenloop.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Questions about a graph: its initializers, who produces and consumes a value, its weight matrices, its order. */
public final class Graphs {

    private Graphs() {}

    /**
     * A matrix multiplication whose right-hand side is a constant 2-D FLOAT initializer: a weight matrix.
     *
     * @param nodeIndex where the node sits in {@code graph.node}
     * @param node the MatMul or Gemm node
     * @param weight the initializer's name
     * @param k the reduced dimension (rows of the weight as used, after Gemm's {@code transB})
     * @param n the output dimension (columns of the weight as used)
     */
    public record WeightMatMul(int nodeIndex, NodeProto node, String weight, long k, long n) {

        /** The node's name, or its first output where it has none. */
        public String label() {
            return Graphs.label(node);
        }
    }

    /** The graph's initializers by name, in file order. */
    public static Map<String, TensorProto> initializers(GraphProto graph) {
        Map<String, TensorProto> byName = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            byName.put(t.getName(), t);
        }
        return byName;
    }

    /**
     * The MatMul nodes ({@code ai.onnx}) whose input B is a 2-D FLOAT initializer, and the Gemm nodes whose B is
     * one, in graph order. These are the weight matrices of a transformer encoder's projections and FFN.
     */
    public static List<WeightMatMul> weightMatMuls(GraphProto graph) {
        Map<String, TensorProto> inits = initializers(graph);
        List<WeightMatMul> found = new ArrayList<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                continue;
            }
            boolean matMul = node.getOpType().equals("MatMul");
            boolean gemm = node.getOpType().equals("Gemm");
            if ((!matMul && !gemm) || node.getInputCount() < 2) {
                continue;
            }
            TensorProto w = inits.get(node.getInput(1));
            if (w == null || w.getDimsCount() != 2 || w.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                continue;
            }
            boolean transB = gemm && intAttribute(node, "transB").orElse(0L) != 0;
            long k = transB ? w.getDims(1) : w.getDims(0);
            long n = transB ? w.getDims(0) : w.getDims(1);
            found.add(new WeightMatMul(i, node, w.getName(), k, n));
        }
        return found;
    }

    /** For each value name, the indices of the nodes that read it (as any input), in graph order. */
    public static Map<String, List<Integer>> consumers(GraphProto graph) {
        Map<String, List<Integer>> readers = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            for (String in : graph.getNode(i).getInputList()) {
                if (!in.isEmpty()) {
                    readers.computeIfAbsent(in, x -> new ArrayList<>()).add(i);
                }
            }
        }
        return readers;
    }

    /** For each value name produced by a node, that node's index. */
    public static Map<String, Integer> producers(GraphProto graph) {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            for (String out : graph.getNode(i).getOutputList()) {
                if (!out.isEmpty()) {
                    producer.put(out, i);
                }
            }
        }
        return producer;
    }

    /**
     * Whether every node reads only graph inputs, initializers and outputs of nodes before it, as ONNX requires.
     * Values captured by subgraphs (If, Loop, Scan) from the outer graph are not checked.
     */
    public static boolean isTopologicallySorted(GraphProto graph) {
        Set<String> available = new HashSet<>();
        for (ValueInfoProto in : graph.getInputList()) {
            available.add(in.getName());
        }
        for (TensorProto t : graph.getInitializerList()) {
            available.add(t.getName());
        }
        for (NodeProto node : graph.getNodeList()) {
            for (String in : node.getInputList()) {
                if (!in.isEmpty() && !available.contains(in)) {
                    return false;
                }
            }
            available.addAll(node.getOutputList());
        }
        return true;
    }

    /** The node's INT attribute {@code name}, if it has one. */
    public static Optional<Long> intAttribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return Optional.of(a.getI());
            }
        }
        return Optional.empty();
    }

    /** The node's INTS attribute {@code name}, or null where it has none. */
    public static long[] intsAttribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
        }
        return null;
    }

    /** The node's FLOAT attribute {@code name}, if it has one. */
    public static Optional<Float> floatAttribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return Optional.of(a.getF());
            }
        }
        return Optional.empty();
    }

    /** The node's name, or its first output where it has none. */
    public static String label(NodeProto node) {
        return !node.getName().isEmpty() ? node.getName() : node.getOutputCount() > 0 ? node.getOutput(0) : node.getOpType();
    }
}
