package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.ModelProto;
import java.util.ArrayList;
import java.util.List;

/** A transform that rewrites weight MatMuls one by one ({@link Graphs#weightMatMuls}); Gemm nodes are skipped. */
abstract class WeightTransform implements Transform {

    /** Rewrites one weight MatMul of one model. */
    interface Rewriter {

        /** Rewrites {@code m} through the editor and says what changed, or adds why not to {@code skipped} and returns null. */
        TransformReport.Change rewrite(Graphs.WeightMatMul m, List<String> skipped);
    }

    /** The rewriter for one model; it may check the model first and keep state for that model only. */
    abstract Rewriter start(ModelEditor editor);

    @Override
    public final Result apply(ModelProto model) {
        ModelEditor editor = new ModelEditor(model);
        Rewriter rewriter = start(editor);
        List<TransformReport.Change> changes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Graphs.WeightMatMul m : Graphs.weightMatMuls(editor.graph())) {
            if (!m.node().getOpType().equals("MatMul")) {
                skipped.add(m.label() + ": Gemm is left as it is (only MatMul is rewritten)");
                continue;
            }
            TransformReport.Change change = rewriter.rewrite(m, skipped);
            if (change != null) {
                changes.add(change);
            }
        }
        ModelProto out = editor.build();
        return new Result(out, new TransformReport(name(), changes, skipped, model.getSerializedSize(), out.getSerializedSize()));
    }
}
