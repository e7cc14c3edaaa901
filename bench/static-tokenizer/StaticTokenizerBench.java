package dev.greenloop.lab;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CPU per text of the static variant's tokenizing on real texts: DJL's {@code encode}, the bare JNI
 * call, {@link WordPieceTokenizer}, and {@link StaticEncoder#embed} one text per call; first checks
 * that the Java ids equal Hugging Face's. Run by {@code bench/static-tokenizer.sh}.
 *
 * <p>Arguments: TEXTS (one per line), the static variant's folder, rounds.
 */
public final class StaticTokenizerBench {

    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        List<String> texts = Files.readAllLines(Path.of(args[0]));
        Path dir = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path json = dir.resolve("tokenizer.json");
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "false"));
                StaticEncoder encoder = StaticEncoder.open(dir)) {
            WordPieceTokenizer java = WordPieceTokenizer.read(json).orElseThrow();
            int same = 0;
            int handedBack = 0;
            int differ = 0;
            long tokens = 0;
            for (String text : texts) {
                int[] got = java.ids(text);
                long[] expected = hf.encode(text, false, false).getIds();
                tokens += expected.length;
                if (got == null) {
                    handedBack++;
                } else if (Arrays.equals(Arrays.stream(got).asLongStream().toArray(), expected)) {
                    same++;
                } else {
                    differ++;
                }
            }
            System.out.printf("%d texts, %.0f tokens per text: %d same ids as Hugging Face, %d handed back, %d differ%n",
                    texts.size(), (double) tokens / texts.size(), same, handedBack, differ);
            for (int round = 0; round < rounds; round++) {
                double encode = perText(texts, t -> hf.encode(t, false, false).getIds().length);
                double jni = perText(texts, t -> {
                    long e = TokenizersLibrary.LIB.encode(hf.getHandle(), t, false);
                    try {
                        return TokenizersLibrary.LIB.getTokenIds(e).length;
                    } finally {
                        TokenizersLibrary.LIB.deleteEncoding(e);
                    }
                });
                double wordPiece = perText(texts, t -> {
                    int[] ids = java.ids(t);
                    return ids == null ? 0 : ids.length;
                });
                double embed = perText(texts, t -> Float.floatToIntBits(encoder.embed(List.of(t)).vectors().getFirst()[0]));
                System.out.printf("round %d, ms per text: DJL encode %.4f, bare JNI %.4f, WordPieceTokenizer %.4f, StaticEncoder.embed %.4f%n",
                        round, encode, jni, wordPiece, embed);
            }
        }
    }

    /** Thread CPU per text over three passes; the sum of what {@code work} returns keeps the JIT from dropping it. */
    private static double perText(List<String> texts, java.util.function.ToIntFunction<String> work) {
        long sink = 0;
        long start = THREAD.getCurrentThreadCpuTime();
        for (int pass = 0; pass < 3; pass++) {
            for (String t : texts) {
                sink += work.applyAsInt(t);
            }
        }
        double ms = (THREAD.getCurrentThreadCpuTime() - start) / 1e6 / (3.0 * texts.size());
        if (sink == 42) {
            System.out.print("");
        }
        return ms;
    }
}
