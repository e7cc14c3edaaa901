package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.ModelProto;
import java.util.ArrayList;
import java.util.List;

/** Transforms applied one after the other, under one name, with their reports joined. */
final class Chain implements Transform {

    private final String name;
    private final List<Transform> steps;

    Chain(String name, List<Transform> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result apply(ModelProto model) {
        ModelProto current = model;
        List<TransformReport.Change> changes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Transform step : steps) {
            Result r = step.apply(current);
            changes.addAll(r.report().changes());
            skipped.addAll(r.report().skipped());
            current = r.model();
        }
        return new Result(current, new TransformReport(name, changes, skipped, model.getSerializedSize(), current.getSerializedSize()));
    }
}
