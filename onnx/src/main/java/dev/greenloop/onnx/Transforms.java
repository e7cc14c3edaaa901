package dev.greenloop.onnx;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The variants this module builds, by name:
 *
 * <ul>
 *   <li>{@code int8-pc}: per-channel dynamic int8 weight MatMuls ({@link #int8PerChannel});
 *       {@code int8-pc-rr}: the same with 7-bit weights ({@code reduce_range});</li>
 *   <li>{@code int4}: 4-bit block-wise weights, block 32, symmetric ({@link #int4}); {@code int4-zp} with zero
 *       points; {@code int4-b64} (or -b16, -b128...) another block size;</li>
 *   <li>{@code lowrank-R}: SVD factors of rank ratio R in (0, 1], where that saves ({@link #lowRank});</li>
 *   <li>{@code pruned-P}: P % of each FFN's intermediate neurons and P % of each attention's heads removed
 *       ({@link #pruned}); {@code pruned-ffn-P} and {@code pruned-heads-P} one of the two.</li>
 * </ul>
 */
public final class Transforms {

    private Transforms() {}

    /** Per-channel dynamic int8 quantization of weight MatMuls; 7-bit weights with {@code reduceRange}. */
    public static Transform int8PerChannel(boolean reduceRange) {
        return new Int8PerChannel(reduceRange);
    }

    /**
     * 4-bit block-wise weights through {@code com.microsoft.MatMulNBits}.
     *
     * @throws IllegalArgumentException if {@code blockSize} is not a power of two of at least 16
     */
    public static Transform int4(int blockSize, boolean symmetric) {
        return new Int4Blockwise(blockSize, symmetric);
    }

    /**
     * Rank-{@code ratio·min(K,N)} SVD factors of each weight MatMul where they are smaller than the weight.
     *
     * @throws IllegalArgumentException if {@code ratio} is not in (0, 1]
     */
    public static Transform lowRank(double ratio) {
        return new LowRank(ratio, false);
    }

    /** As {@link #lowRank}, but factors every weight MatMul, even where that grows it (for studies and tests). */
    public static Transform lowRankEverywhere(double ratio) {
        return new LowRank(ratio, true);
    }

    /**
     * Structured pruning of FFN blocks: removes {@code percent} % of the intermediate neurons of each
     * {@code MatMul → Add(bias) → activation → MatMul} block, those with the smallest L2 norm of their weights.
     *
     * @throws IllegalArgumentException if {@code percent} is not in [0, 100)
     */
    public static Transform prunedFfn(double percent) {
        return new FfnPruning(percent);
    }

    /**
     * Structured pruning of attention heads: removes {@code percent} % of the heads of each unfused multi-head
     * attention (Q, K, V projections reshaped to heads, merged back before the output projection), those whose
     * weights have the smallest L2 norm.
     *
     * @throws IllegalArgumentException if {@code percent} is not in [0, 100)
     */
    public static Transform prunedHeads(double percent) {
        return new HeadPruning(percent);
    }

    /**
     * {@link #prunedFfn} then {@link #prunedHeads}, both at {@code percent}.
     *
     * @throws IllegalArgumentException if {@code percent} is not in [0, 100)
     */
    public static Transform pruned(double percent) {
        return new Chain("pruned-" + FfnPruning.percentName(percent), List.of(prunedFfn(percent), prunedHeads(percent)));
    }

    /**
     * The registry of variant techniques, one line each, in the order the lab lists them. A new
     * variant is a {@link Transform} with its {@link TransformFamily} and one line here (docs/extending.md).
     */
    private static final List<TransformFamily> FAMILIES = List.of(
            Int8PerChannel.FAMILY,
            Int4Blockwise.FAMILY,
            LowRank.FAMILY,
            StructuredPruning.FAMILY);

    /** Every registered technique, in the order the lab lists them; immutable. */
    public static List<TransformFamily> families() {
        return FAMILIES;
    }

    /**
     * The transform a variant name stands for: {@code int8-pc}, {@code int8-pc-rr}, {@code int4},
     * {@code int4-zp}, {@code int4-b64}, {@code int4-b64-zp}, {@code lowrank-0.5}, {@code pruned-30}, {@code pruned-ffn-30}, {@code pruned-heads-25}.
     *
     * @throws IllegalArgumentException naming the bad variant and the ones known
     */
    public static Transform parse(String variant) {
        String v = variant.trim().toLowerCase(Locale.ROOT);
        try {
            for (TransformFamily f : FAMILIES) {
                Optional<Transform> t = f.parse(v);
                if (t.isPresent()) {
                    return t.get();
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("variant '%s': %s is not a number".formatted(variant, e.getMessage()), e);
        }
        List<String> forms = FAMILIES.stream().flatMap(f -> f.forms().stream()).toList();
        String known = String.join(", ", forms.subList(0, forms.size() - 1)) + " or " + forms.getLast();
        throw new IllegalArgumentException("unknown variant '%s': use %s".formatted(variant, known));
    }
}
