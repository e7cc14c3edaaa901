package dev.greenloop.onnx;

import java.util.List;

/**
 * What a transform changed.
 *
 * @param variant the variant's name, as {@link Transforms#parse} reads it
 * @param changes the nodes rewritten, in graph order
 * @param skipped the candidate nodes left alone, each with why
 * @param modelBytesBefore the serialized size of the model before
 * @param modelBytesAfter the serialized size after
 */
public record TransformReport(String variant, List<Change> changes, List<String> skipped, long modelBytesBefore, long modelBytesAfter) {

    /** Copies the lists. */
    public TransformReport {
        changes = List.copyOf(changes);
        skipped = List.copyOf(skipped);
    }

    /**
     * One rewritten node.
     *
     * @param node the original node's name (or first output)
     * @param before what it was, e.g. {@code MatMul 384x1536}
     * @param after what replaced it, e.g. {@code MatMulNBits bits=4 block=32}
     * @param weightBytesBefore bytes of the weight data it read before
     * @param weightBytesAfter bytes of the weight data (including scales, zero points, factors) after
     */
    public record Change(String node, String before, String after, long weightBytesBefore, long weightBytesAfter) {}

    /** The sum of weight bytes before over all changes. */
    public long weightBytesBefore() {
        return changes.stream().mapToLong(Change::weightBytesBefore).sum();
    }

    /** The sum of weight bytes after over all changes. */
    public long weightBytesAfter() {
        return changes.stream().mapToLong(Change::weightBytesAfter).sum();
    }
}
