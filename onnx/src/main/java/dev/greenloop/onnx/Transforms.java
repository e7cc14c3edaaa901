package dev.greenloop.onnx;

import java.util.Locale;

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
        return new Chain("pruned-" + FfnPruning.percentName(percent), java.util.List.of(prunedFfn(percent), prunedHeads(percent)));
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
            if (v.equals("int8-pc")) {
                return int8PerChannel(false);
            }
            if (v.equals("int8-pc-rr")) {
                return int8PerChannel(true);
            }
            if (v.startsWith("int4")) {
                String rest = v.substring(4);
                boolean zp = rest.endsWith("-zp");
                if (zp) {
                    rest = rest.substring(0, rest.length() - 3);
                }
                int block = rest.isEmpty() ? 32 : rest.startsWith("-b") ? Integer.parseInt(rest.substring(2)) : -1;
                if (block > 0) {
                    return int4(block, !zp);
                }
            }
            if (v.startsWith("lowrank-")) {
                return lowRank(Double.parseDouble(v.substring(8)));
            }
            if (v.startsWith("pruned-ffn-")) {
                return prunedFfn(Double.parseDouble(v.substring(11)));
            }
            if (v.startsWith("pruned-heads-")) {
                return prunedHeads(Double.parseDouble(v.substring(13)));
            }
            if (v.startsWith("pruned-")) {
                return pruned(Double.parseDouble(v.substring(7)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("variant '%s': %s is not a number".formatted(variant, e.getMessage()), e);
        }
        throw new IllegalArgumentException("unknown variant '%s': use int8-pc, int8-pc-rr, int4, int4-zp, int4-bN, lowrank-R (0 < R <= 1), pruned-P, pruned-ffn-P or pruned-heads-P (0 <= P < 100)".formatted(variant));
    }
}
