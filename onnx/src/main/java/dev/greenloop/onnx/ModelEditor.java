package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.AttributeProto;
import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.OperatorSetIdProto;
import dev.greenloop.onnx.proto.TensorProto;
import dev.greenloop.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes a copy of a model: replaces nodes in place, adds initializers, imports operator sets, and drops the
 * initializers that replaced nodes no longer need. The model it was made from is never changed.
 *
 * <p>A node's replacement is inserted where the node was, so a replacement that reads only the node's inputs,
 * initializers and its own earlier outputs keeps the graph in topological order. Not thread-safe.
 */
public final class ModelEditor {

    private final ModelProto original;
    private final GraphProto graph;
    private final Map<Integer, List<NodeProto>> replacements = new HashMap<>();
    private final Map<Integer, List<NodeProto>> insertedBefore = new HashMap<>();
    private final Map<String, TensorProto> initializers;
    private final Set<String> dropCandidates = new HashSet<>();
    private final Set<String> staleValueInfo = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private boolean opsetsChanged;
    private boolean forgetAllShapes;

    /** An editor on a copy of {@code model}. */
    public ModelEditor(ModelProto model) {
        this.original = model;
        this.graph = model.getGraph();
        this.initializers = new LinkedHashMap<>(Graphs.initializers(graph));
        names.addAll(initializers.keySet());
        for (NodeProto node : graph.getNodeList()) {
            names.add(node.getName());
            names.addAll(node.getInputList());
            names.addAll(node.getOutputList());
        }
        for (ValueInfoProto v : graph.getInputList()) {
            names.add(v.getName());
        }
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            opsets.put(o.getDomain(), o.getVersion());
        }
    }

    /** The graph as it was before any change. */
    public GraphProto graph() {
        return graph;
    }

    /** The initializer {@code name} as it currently is, or null. */
    public TensorProto initializer(String name) {
        return initializers.get(name);
    }

    /** A value or node name not yet used in the model, built from {@code base}; it is reserved from then on. */
    public String freshName(String base) {
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /**
     * Adds an initializer, or replaces the one of the same name.
     *
     * @throws IllegalArgumentException if the tensor has no name
     */
    public void putInitializer(TensorProto tensor) {
        if (tensor.getName().isEmpty()) {
            throw new IllegalArgumentException("an initializer needs a name");
        }
        names.add(tensor.getName());
        initializers.put(tensor.getName(), tensor);
    }

    /**
     * Replaces the node at {@code nodeIndex} (an index into the original graph) with {@code nodes}, in order, and
     * marks the node's initializer inputs for removal once nothing reads them.
     *
     * @throws IllegalArgumentException if the index is out of range or the node was already replaced
     */
    public void replaceNode(int nodeIndex, List<NodeProto> nodes) {
        if (nodeIndex < 0 || nodeIndex >= graph.getNodeCount()) {
            throw new IllegalArgumentException("node index %d is not in 0..%d".formatted(nodeIndex, graph.getNodeCount() - 1));
        }
        if (replacements.putIfAbsent(nodeIndex, List.copyOf(nodes)) != null) {
            throw new IllegalArgumentException("node %d (%s) is already replaced".formatted(nodeIndex, Graphs.label(graph.getNode(nodeIndex))));
        }
        for (String in : graph.getNode(nodeIndex).getInputList()) {
            if (initializers.containsKey(in)) {
                dropCandidates.add(in);
            }
        }
    }

    /** Inserts {@code nodes} just before the node at {@code nodeIndex} of the original graph (or its replacement). */
    public void insertBefore(int nodeIndex, List<NodeProto> nodes) {
        insertedBefore.computeIfAbsent(nodeIndex, i -> new ArrayList<>()).addAll(nodes);
    }

    /** Marks initializer {@code name} for removal once nothing reads it. */
    public void dropIfUnused(String name) {
        dropCandidates.add(name);
    }

    /** Forgets the recorded shape ({@code value_info}) of {@code value}, whose shape a change made wrong. */
    public void forgetShape(String value) {
        staleValueInfo.add(value);
    }

    /** Forgets every recorded intermediate shape ({@code value_info}); runtimes infer them again. */
    public void forgetAllShapes() {
        forgetAllShapes = true;
    }

    /** Imports operator set {@code domain} at {@code version} at least (raising a lower import). */
    public void requireOpset(String domain, long version) {
        if (opsetVersion(domain) < version) {
            opsets.put(domain, version);
            opsetsChanged = true;
        }
    }

    /** The imported version of {@code domain} ("" is ai.onnx), or 0 where it is not imported. */
    public long opsetVersion(String domain) {
        Long v = opsets.get(domain);
        if (v == null && domain.equals("ai.onnx")) {
            v = opsets.get("");
        }
        return v == null ? 0 : v;
    }

    /** The edited model; the editor can go on being used and built again. */
    public ModelProto build() {
        List<NodeProto> nodes = new ArrayList<>(graph.getNodeCount());
        for (int i = 0; i < graph.getNodeCount(); i++) {
            nodes.addAll(insertedBefore.getOrDefault(i, List.of()));
            List<NodeProto> r = replacements.get(i);
            if (r != null) {
                nodes.addAll(r);
            } else {
                nodes.add(graph.getNode(i));
            }
        }
        Set<String> read = new HashSet<>();
        for (NodeProto n : nodes) {
            read.addAll(n.getInputList());
            collectSubgraphInputs(n, read);
        }
        for (ValueInfoProto out : graph.getOutputList()) {
            read.add(out.getName());
        }
        Set<String> dropped = new HashSet<>();
        for (String name : dropCandidates) {
            if (!read.contains(name)) {
                dropped.add(name);
            }
        }
        GraphProto.Builder g = graph.toBuilder().clearNode().addAllNode(nodes).clearInitializer();
        for (TensorProto t : initializers.values()) {
            if (!dropped.contains(t.getName())) {
                g.addInitializer(t);
            }
        }
        // Models from IR version < 4 list initializers among the graph inputs; a dropped one must go there too.
        g.clearInput();
        for (ValueInfoProto in : graph.getInputList()) {
            if (!dropped.contains(in.getName())) {
                g.addInput(in);
            }
        }
        g.clearValueInfo();
        for (ValueInfoProto v : graph.getValueInfoList()) {
            if (!forgetAllShapes && !staleValueInfo.contains(v.getName())) {
                g.addValueInfo(v);
            }
        }
        ModelProto.Builder m = original.toBuilder().setGraph(g);
        if (opsetsChanged) {
            m.clearOpsetImport();
            for (Map.Entry<String, Long> e : opsets.entrySet()) {
                m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(e.getKey()).setVersion(e.getValue()));
            }
        }
        return m.build();
    }

    private static void collectSubgraphInputs(NodeProto node, Set<String> read) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.hasG()) {
                collectGraphInputs(a.getG(), read);
            }
            for (GraphProto g : a.getGraphsList()) {
                collectGraphInputs(g, read);
            }
        }
    }

    private static void collectGraphInputs(GraphProto g, Set<String> read) {
        for (NodeProto n : g.getNodeList()) {
            read.addAll(n.getInputList());
            collectSubgraphInputs(n, read);
        }
    }

    /** A node of {@code opType} in {@code domain} ("" for ai.onnx) with the given inputs, outputs and attributes. */
    public static NodeProto node(String opType, String domain, String name, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addAllOutput(outputs);
        if (!domain.isEmpty()) {
            b.setDomain(domain);
        }
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        return b.build();
    }

    /** An INT attribute. */
    public static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A FLOAT attribute. */
    public static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }
}
