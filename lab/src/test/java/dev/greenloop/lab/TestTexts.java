package dev.greenloop.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Texts for the tests: hand-written sentences of many shapes, and seeded generated ones of varied length. */
final class TestTexts {

    private TestTexts() {
    }

    static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Carbon-aware scheduling moves deferrable jobs to hours when the grid is cleaner.",
            "How much energy does one embedding query cost on a laptop CPU?",
            "Quantization stores weights in 8 bits instead of 32.",
            "I loved this film; the acting was superb and the ending surprised me.",
            "Terrible service, the food was cold and we waited an hour.",
            "Die Stromerzeugung aus Wind und Sonne schwankt über den Tag.",
            "Le modèle de langage tourne sur le processeur.",
            "東京は日本の首都です。",
            "Emoji test 🌍🔋⚡ and symbols: €, £, ±, ≤ 42 %",
            "SELECT id, name FROM users WHERE created_at > '2024-01-01';",
            "a",
            "",
            "   leading and trailing spaces   ",
            "UPPER CASE TEXT SHOULD BE LOWERCASED BY THE TOKENIZER",
            "Numbers 3.14159, 2.71828 and 1,000,000 appear here.",
            "An unusually long compound: Donaudampfschifffahrtsgesellschaftskapitän.",
            "The meeting is at 10:30 tomorrow in room B-204.",
            "Photosynthesis converts light energy into chemical energy stored in glucose.",
            "Please reset my password, I cannot log in to my account since yesterday.");

    private static final String[] WORDS = ("energy model query cluster node carbon grid power watt joule battery solar wind "
            + "embedding vector token batch thread latency throughput quality cosine neighbour label dataset train test "
            + "the a of and to in is that for it with as was on be at by this from or have an they which one you were").split(" ");

    /** {@code n} sentences of 3 to {@code maxWords} words, the same for the same seed. */
    static List<String> generated(int n, int maxWords, long seed) {
        Random r = new Random(seed);
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int words = 3 + r.nextInt(maxWords - 2);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            texts.add(sb.append('.').toString());
        }
        return texts;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** Mean and min cosine between the vectors of the same index: {mean, min}. */
    static double[] meanAndMinCosine(List<float[]> a, List<float[]> b) {
        double sum = 0;
        double min = 1;
        for (int i = 0; i < a.size(); i++) {
            double c = cosine(a.get(i), b.get(i));
            sum += c;
            min = Math.min(min, c);
        }
        return new double[] {sum / a.size(), min};
    }
}
