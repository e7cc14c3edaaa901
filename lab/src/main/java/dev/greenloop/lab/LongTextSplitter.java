package dev.greenloop.lab;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a text into the pieces LangChain4j's in-process models embed it as, so that the lab's vectors are theirs for
 * texts of any length. The rule, read from {@code OnnxBertBiEncoder} of {@code dev.langchain4j:langchain4j-embeddings}
 * (Apache License 2.0), is reimplemented here:
 *
 * <ol>
 *   <li>the text's tokens as the tokenizer file gives them (its own truncation, if any; special tokens included);</li>
 *   <li>the tokens between {@code [CLS]} and {@code [SEP]} cut into runs of at most {@code pieceTokens}; a cut that
 *       would start the next run inside a word (a {@code ##} continuation) moves left to the word's start, unless that
 *       leaves the run empty;</li>
 *   <li>each run turned back into text ({@code buildSentence}); when that text does not tokenize back to the same run,
 *       the run's tokens joined without spaces are used instead; that text is encoded again, special tokens added;</li>
 *   <li>each piece is weighted by its run's token count when the pooled vectors are averaged.</li>
 * </ol>
 */
final class LongTextSplitter {

    /**
     * One piece of a text.
     *
     * @param ids its token ids, special tokens included, as the encoder gets them
     * @param weight the tokens of its run, special tokens excluded (its weight in the average)
     */
    record Piece(long[] ids, int weight) {
    }

    private LongTextSplitter() {
    }

    /**
     * The pieces of an encoded text; one piece of the special tokens alone (weight 1) for a text with no tokens, which
     * LangChain4j refuses.
     *
     * @param tokenizer the tokenizer that encoded it, opened as LangChain4j opens it (no padding)
     * @param encoding the text's encoding, special tokens added
     * @param pieceTokens the most tokens in one run (the encoder's positions less 2)
     */
    static List<Piece> pieces(HuggingFaceTokenizer tokenizer, Encoding encoding, int pieceTokens) {
        List<String> tokens = Arrays.asList(encoding.getTokens());
        List<List<String>> runs = runs(tokens, pieceTokens);
        if (runs.isEmpty()) {
            return List.of(new Piece(encoding.getIds(), 1));
        }
        if (runs.size() == 1 && inner(tokenizer, tokenizer.buildSentence(runs.getFirst())).equals(runs.getFirst())) {
            // The text again, tokenized the same: LangChain4j's second encoding is this one.
            return List.of(new Piece(encoding.getIds(), runs.getFirst().size()));
        }
        List<Piece> pieces = new ArrayList<>(runs.size());
        for (List<String> run : runs) {
            pieces.add(new Piece(tokenizer.encode(textOf(tokenizer, run), true, false).getIds(), run.size()));
        }
        return pieces;
    }

    /** The runs of tokens between the first and the last token (the special ones), cut as LangChain4j cuts them. */
    static List<List<String>> runs(List<String> tokens, int pieceTokens) {
        List<List<String>> runs = new ArrayList<>();
        int end = tokens.size() - 1;
        int from = 1;
        while (from < end) {
            int to = from + pieceTokens;
            if (to >= end) {
                to = end;
            } else {
                while (to > from && tokens.get(to).startsWith("##")) {
                    to--;
                }
                if (to == from) {
                    to = from + pieceTokens;
                }
            }
            runs.add(tokens.subList(from, to));
            from = to;
        }
        return runs;
    }

    private static String textOf(HuggingFaceTokenizer tokenizer, List<String> run) {
        String text = tokenizer.buildSentence(run);
        return inner(tokenizer, text).equals(run) ? text : String.join("", run);
    }

    /** The tokens of a text without its first and last (the special tokens). */
    private static List<String> inner(HuggingFaceTokenizer tokenizer, String text) {
        List<String> again = tokenizer.tokenize(text);
        return again.size() < 2 ? List.of() : again.subList(1, again.size() - 1);
    }
}
