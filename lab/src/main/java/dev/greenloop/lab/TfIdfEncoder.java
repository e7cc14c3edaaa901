package dev.greenloop.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The {@code tfidf} baseline: a TF-IDF bag of words, no model. Fitted on the texts it is profiled
 * on (unsupervised: the labels are not seen), with scikit-learn's {@code TfidfVectorizer} defaults
 * as the formula:
 *
 * <ul>
 *   <li><b>Terms</b>: the text lower-cased (root locale), then runs of two or more letters or digits
 *       (Unicode; scikit-learn's {@code (?u)\b\w\w+\b} without the underscore).
 *   <li><b>Vocabulary</b>: the terms that occur in at least {@link #MIN_DOCUMENTS} of the fitted
 *       texts (a term of one text is no help to a neighbour search among them), in first-seen order.
 *   <li><b>Weight</b>: count in the text × {@code idf = ln((1 + n) / (1 + df)) + 1} (smooth idf),
 *       then the vector L2-normalised. A text of no known term is the zero vector (cosine 0 to all).
 * </ul>
 *
 * <p>Vectors are dense, one dimension per vocabulary term, so that {@link Quality} compares them
 * like any variant's. {@link #modelFile()} is the vocabulary and idf table written to a temporary
 * file (deleted on {@link #close()}), so that the profile's size is the baseline's. One thread at a time.
 */
final class TfIdfEncoder implements TextEncoder {

    /** Texts a term must occur in to be kept. */
    static final int MIN_DOCUMENTS = 2;

    private final Map<String, Integer> vocabulary;
    private final float[] idf;
    private final Path table;

    private TfIdfEncoder(Map<String, Integer> vocabulary, float[] idf, Path table) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.table = table;
    }

    /**
     * Fits the vocabulary and idf on {@code texts}.
     *
     * @throws IllegalArgumentException if no term occurs in {@link #MIN_DOCUMENTS} texts (too few or too different texts)
     * @throws LabException if the table cannot be written
     */
    static TfIdfEncoder fit(List<String> texts) {
        Map<String, int[]> df = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (String text : texts) {
            Map<String, Integer> seen = new HashMap<>();
            for (String t : terms(text)) {
                if (seen.put(t, 1) == null) {
                    int[] c = df.get(t);
                    if (c == null) {
                        df.put(t, new int[] {1});
                        order.add(t);
                    } else {
                        c[0]++;
                    }
                }
            }
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        List<Float> weights = new ArrayList<>();
        StringBuilder tsv = new StringBuilder();
        int n = texts.size();
        for (String t : order) {
            int d = df.get(t)[0];
            if (d >= MIN_DOCUMENTS) {
                float w = (float) (Math.log((1.0 + n) / (1.0 + d)) + 1);
                vocabulary.put(t, vocabulary.size());
                weights.add(w);
                tsv.append(t).append('\t').append(w).append('\n');
            }
        }
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException("tfidf: no term occurs in %d of the %d texts, so there is no vocabulary; give more texts"
                    .formatted(MIN_DOCUMENTS, n));
        }
        float[] idf = new float[weights.size()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = weights.get(i);
        }
        try {
            Path table = Files.createTempFile("greenloop-tfidf-", ".tsv");
            Files.writeString(table, tsv);
            return new TfIdfEncoder(vocabulary, idf, table);
        } catch (IOException | UncheckedIOException e) {
            throw new LabException("tfidf: cannot write its vocabulary table to a temporary file: " + e.getMessage(), e);
        }
    }

    /** The terms of a text, in order, repeats kept. */
    static List<String> terms(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); ) {
            int cp = i < s.length() ? s.codePointAt(i) : ' ';
            boolean word = i < s.length() && Character.isLetterOrDigit(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                if (s.codePointCount(start, i) >= 2) {
                    out.add(s.substring(start, i));
                }
                start = -1;
            }
            i += i < s.length() ? Character.charCount(cp) : 1;
        }
        return out;
    }

    @Override
    public String label() {
        return "tfidf (%d terms)".formatted(idf.length);
    }

    @Override
    public int dimension() {
        return idf.length;
    }

    /** No limit: every term counts. */
    @Override
    public int maxTokens() {
        return Integer.MAX_VALUE;
    }

    /** The vocabulary and idf table (term, tab, idf per line). */
    @Override
    public Path modelFile() {
        return table;
    }

    /** The terms of each text (known or not): what {@link #multiplyAdds} is counted on. */
    @Override
    public int[] tokenCounts(List<String> texts) {
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(1, terms(texts.get(i)).size());
        }
        return counts;
    }

    /** {@code 2 · tokens}: a multiplication by idf and a multiply-add for the norm per term, at most; look-ups not counted. */
    @Override
    public long multiplyAdds(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens %d: must be at least 1".formatted(tokens));
        }
        return 2L * tokens;
    }

    @Override
    public Embedder.Result embed(List<String> texts, IntConsumer progress) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(vector(texts.get(i)));
            if ((i + 1) % 1024 == 0) {
                progress.accept(i + 1);
            }
        }
        progress.accept(texts.size());
        return new Embedder.Result(out, 0);
    }

    private float[] vector(String text) {
        float[] v = new float[idf.length];
        for (String t : terms(text)) {
            Integer id = vocabulary.get(t);
            if (id != null) {
                v[id] += idf[id];
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(table);
        } catch (IOException e) {
            // A temporary file left behind is harmless (the system's temporary folder is cleaned), and close must not fail the profile.
        }
    }
}
