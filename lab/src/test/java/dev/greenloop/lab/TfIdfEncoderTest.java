package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfIdfEncoderTest {

    @Test
    void terms_lowerCased_runsOfTwoOrMoreLettersOrDigits() {
        assertEquals(List.of("gnu", "emacs", "is", "an", "editor", "v2", "über", "中文"), TfIdfEncoder.terms("GNU Emacs is an editor, v2! a x Über 中文"));
        assertEquals(List.of(), TfIdfEncoder.terms(""));
        assertEquals(List.of("ab", "cd"), TfIdfEncoder.terms("ab_cd"));
    }

    @Test
    void fit_termsInOneTextOnly_dropped_idfSmoothed() {
        List<String> texts = List.of("text editor", "image editor", "image viewer", "unique words here");
        try (TfIdfEncoder e = TfIdfEncoder.fit(texts)) {
            // editor (df 2) and image (df 2) are kept; text, viewer, unique, words, here occur once.
            assertEquals(2, e.dimension());
            float[] v = e.embed(List.of("editor editor")).vectors().getFirst();
            double idf = Math.log(5.0 / 3.0) + 1;
            assertEquals(1.0, v[0] * v[0] + v[1] * v[1], 1e-6, "unit length");
            assertEquals(1.0, Math.max(v[0], v[1]), 1e-6, "one known term: all its weight on it, " + idf);
        }
    }

    @Test
    void embed_unknownTermsOnly_zeroVector_notNaN() {
        try (TfIdfEncoder e = TfIdfEncoder.fit(List.of("alpha beta", "alpha beta", "gamma"))) {
            for (float x : e.embed(List.of("nothing known", "")).vectors().get(0)) {
                assertEquals(0f, x);
            }
        }
    }

    @Test
    void embed_sharedRareTermsWeighMoreThanCommonOnes() {
        List<String> texts = List.of("the chess game board", "the chess engine", "the audio mixer", "the audio player", "the game of go");
        try (TfIdfEncoder e = TfIdfEncoder.fit(texts)) {
            List<float[]> v = e.embed(texts).vectors();
            assertTrue(dot(v.get(0), v.get(1)) > dot(v.get(0), v.get(2)), "chess texts closer than a chess and an audio text");
            assertTrue(dot(v.get(2), v.get(3)) > dot(v.get(2), v.get(4)));
        }
    }

    @Test
    void knnAccuracy_throughQuality_separatesTopics() {
        List<String> texts = List.of("fun strategy game", "strategy board game", "fun card game", "card strategy game", "fun board game",
                "audio sound mixer", "sound audio player", "audio music player", "music sound mixer", "music audio mixer");
        List<String> labels = List.of("games", "games", "games", "games", "games", "sound", "sound", "sound", "sound", "sound");
        try (TfIdfEncoder e = TfIdfEncoder.fit(texts)) {
            assertEquals(1.0, Quality.knnAccuracy(e.embed(texts).vectors(), labels).getAsDouble(), 1e-9);
        }
    }

    @Test
    void modelFile_isTheTable_deletedOnClose() throws Exception {
        Path table;
        try (TfIdfEncoder e = TfIdfEncoder.fit(List.of("alpha beta", "alpha beta"))) {
            table = e.modelFile();
            assertEquals(List.of("alpha\t" + (float) (Math.log(3.0 / 3.0) + 1), "beta\t1.0"), Files.readAllLines(table));
            assertEquals(4, e.multiplyAdds(2));
            assertEquals("tfidf (2 terms)", e.label());
        }
        assertFalse(Files.exists(table));
    }

    @Test
    void fit_noSharedTerm_refusedSayingWhy() {
        var e = assertThrows(IllegalArgumentException.class, () -> TfIdfEncoder.fit(List.of("alpha", "beta")));
        assertTrue(e.getMessage().contains("no term occurs in 2 of the 2 texts"), e.getMessage());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
