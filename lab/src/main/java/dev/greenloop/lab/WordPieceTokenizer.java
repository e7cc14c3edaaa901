package dev.greenloop.lab;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pure-Java BERT WordPiece tokenizer that gives the token ids Hugging Face tokenizers gives with
 * {@code encode(text, add_special_tokens=false)}, for a {@code tokenizer.json} of the BERT shape:
 * normalizer {@code BertNormalizer}, pre-tokenizer {@code BertPreTokenizer}, model {@code WordPiece}.
 * {@link #read} answers empty for any other shape.
 *
 * <p>Measured hot path of the {@code static} variant (see docs/lab-variants.md): tokenizing was most of
 * a static query's CPU through DJL's JNI binding. Hence the reusable buffers, the ASCII fast path
 * (Unicode normalisation only for texts with non-ASCII characters) and the vocabulary held as a trie
 * over chars, walked without making substrings.
 *
 * <p>The rules, after {@code tokenizers/src/normalizers/bert.rs}, {@code pre_tokenizers/bert.rs} and
 * {@code models/wordpiece/mod.rs}:
 * <ol>
 *   <li>{@code clean_text}: drop U+0000, U+FFFD and "other" characters (Cc, Cf, Co) except
 *       tab, LF and CR; turn whitespace (those three and White_Space) into a space.</li>
 *   <li>{@code handle_chinese_chars}: pad each CJK ideograph (BERT's ranges) with spaces.</li>
 *   <li>{@code strip_accents} (null follows {@code lowercase}): NFD, then drop nonspacing marks (Mn).</li>
 *   <li>{@code lowercase}: per code point, full mapping (U+0130 becomes {@code i} and U+0307).</li>
 *   <li>Split on White_Space (removed) and around every punctuation character (ASCII punctuation or
 *       a P* category), each of which is a word of its own.</li>
 *   <li>WordPiece per word: greedy longest match first, later pieces with the continuing-subword
 *       prefix; a word longer than {@code max_input_chars_per_word} code points, or one with a part
 *       no piece matches, is the single unknown token.</li>
 * </ol>
 *
 * <p>Hugging Face matches added tokens ({@code [CLS]}, {@code [SEP]}, ...) in the raw text before
 * normalising it. This class does not: {@link #ids} answers {@code null} for a text that holds any
 * added token's content, and the caller hands that text to Hugging Face's own tokenizer. So too for
 * an unpaired surrogate (the JNI string conversion replaces it) and for the few hundred code points
 * whose Unicode category the JDK's tables give otherwise than Hugging Face's.
 *
 * <p>Not thread-safe: one instance is used by one thread at a time (it reuses its buffers).
 */
final class WordPieceTokenizer {

    private static final byte WORD = 0;
    private static final byte SPACE = 1;
    private static final byte PUNCT = 2;
    private static final byte DROP = 3;

    /**
     * Inclusive ranges of code points that the JDK's Unicode tables (Unicode 16 in JDK 25) class
     * otherwise than Hugging Face tokenizers' (older) tables do: characters added to Unicode since,
     * such as new punctuation or nonspacing marks. A text holding one goes to Hugging Face.
     * {@code WordPieceTokenizerIT.ids_everyCodePointBetweenLetters_equalsHuggingFace} finds them
     * (it prints the ranges when it fails), so a JDK or DJL upgrade that moves them fails a test.
     */
    private static final int[] UNICODE_DIFFERENCES = {
        0x61D, 0x61D, 0x7FD, 0x7FD, 0x890, 0x891, 0x897, 0x89F, 0x8CA, 0x8E2, 0x9FD, 0x9FE, 0xA76, 0xA76, 0xAFA, 0xAFF,
        0xB55, 0xB55, 0xC04, 0xC04, 0xC3C, 0xC3C, 0xC77, 0xC77, 0xC84, 0xC84, 0xD00, 0xD00, 0xD3B, 0xD3C, 0xD81, 0xD81,
        0xEBA, 0xEBA, 0xECE, 0xECE, 0x166D, 0x166D, 0x1734, 0x1734, 0x180F, 0x180F, 0x1885, 0x1886, 0x1ABF, 0x1ACE, 0x1B4E, 0x1B4F,
        0x1B7D, 0x1B7F, 0x1DF6, 0x1DFB, 0x2E43, 0x2E4F, 0x2E52, 0x2E5D, 0xA82C, 0xA82C, 0xA8C5, 0xA8C5, 0xA8FF, 0xA8FF, 0xA9BD, 0xA9BD,
        0x10D24, 0x10D27, 0x10D69, 0x10D6E, 0x10EAB, 0x10EAD, 0x10EFC, 0x10EFF, 0x10F46, 0x10F50, 0x10F55, 0x10F59, 0x10F82, 0x10F89, 0x11070, 0x11070,
        0x11073, 0x11074, 0x110C2, 0x110C2, 0x110CD, 0x110CD, 0x111C9, 0x111C9, 0x111CF, 0x111CF, 0x1123E, 0x1123E, 0x11241, 0x11241, 0x1133B, 0x1133B,
        0x113BB, 0x113C0, 0x113CE, 0x113CE, 0x113D0, 0x113D0, 0x113D2, 0x113D2, 0x113D4, 0x113D5, 0x113D7, 0x113D8, 0x113E1, 0x113E2, 0x11438, 0x1143F,
        0x11442, 0x11444, 0x11446, 0x11446, 0x1144B, 0x1144F, 0x1145A, 0x1145B, 0x1145D, 0x1145E, 0x11660, 0x1166C, 0x116B9, 0x116B9, 0x1171E, 0x1171E,
        0x1182F, 0x11837, 0x11839, 0x1183B, 0x1193B, 0x1193C, 0x1193E, 0x1193E, 0x11943, 0x11946, 0x119D4, 0x119D7, 0x119DA, 0x119DB, 0x119E0, 0x119E0,
        0x119E2, 0x119E2, 0x11A01, 0x11A0A, 0x11A33, 0x11A38, 0x11A3B, 0x11A47, 0x11A51, 0x11A56, 0x11A59, 0x11A5B, 0x11A8A, 0x11A96, 0x11A98, 0x11A9C,
        0x11A9E, 0x11AA2, 0x11B00, 0x11B09, 0x11BE1, 0x11BE1, 0x11C30, 0x11C36, 0x11C38, 0x11C3D, 0x11C3F, 0x11C3F, 0x11C41, 0x11C45, 0x11C70, 0x11C71,
        0x11C92, 0x11CA7, 0x11CAA, 0x11CB0, 0x11CB2, 0x11CB3, 0x11CB5, 0x11CB6, 0x11D31, 0x11D36, 0x11D3A, 0x11D3A, 0x11D3C, 0x11D3D, 0x11D3F, 0x11D45,
        0x11D47, 0x11D47, 0x11D90, 0x11D91, 0x11D95, 0x11D95, 0x11D97, 0x11D97, 0x11EF3, 0x11EF4, 0x11EF7, 0x11EF8, 0x11F00, 0x11F01, 0x11F36, 0x11F3A,
        0x11F40, 0x11F40, 0x11F42, 0x11F4F, 0x11F5A, 0x11F5A, 0x11FFF, 0x11FFF, 0x12FF1, 0x12FF2, 0x13430, 0x13440, 0x13447, 0x13455, 0x1611E, 0x16129,
        0x1612D, 0x1612F, 0x16D6D, 0x16D6F, 0x16E97, 0x16E9A, 0x16F4F, 0x16F4F, 0x16FE2, 0x16FE2, 0x16FE4, 0x16FE4, 0x1CF00, 0x1CF2D, 0x1CF30, 0x1CF46,
        0x1E000, 0x1E006, 0x1E008, 0x1E018, 0x1E01B, 0x1E021, 0x1E023, 0x1E024, 0x1E026, 0x1E02A, 0x1E08F, 0x1E08F, 0x1E130, 0x1E136, 0x1E2AE, 0x1E2AE,
        0x1E2EC, 0x1E2EF, 0x1E4EC, 0x1E4EF, 0x1E5EE, 0x1E5EF, 0x1E5FF, 0x1E5FF, 0x1E944, 0x1E94A, 0x1E95E, 0x1E95F
    };

    private final boolean cleanText;
    private final boolean chineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;
    private final int maxInputCharsPerWord;
    private final int unkId;
    private final String[] addedTokens;
    private final Trie vocab;
    /** What each ASCII char is after cleaning, and its lowercased form in {@link #asciiMapped}. */
    private final byte[] asciiKind = new byte[128];
    private final char[] asciiMapped = new char[128];

    private char[] norm = new char[256];
    private int[] out = new int[64];

    private WordPieceTokenizer(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase, int maxInputCharsPerWord,
            int unkId, String[] addedTokens, Trie vocab) {
        this.cleanText = cleanText;
        this.chineseChars = chineseChars;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
        this.unkId = unkId;
        this.addedTokens = addedTokens;
        this.vocab = vocab;
        for (char c = 0; c < 128; c++) {
            asciiKind[c] = kind(c);
            asciiMapped[c] = lowercase && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
    }

    /**
     * Reads a {@code tokenizer.json}.
     *
     * @return the tokenizer, or empty if the file is not of the BERT WordPiece shape this class
     *         implements (another normalizer, pre-tokenizer or model, an added token matched on
     *         normalised text, or a vocabulary without its unknown token)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a JSON object
     */
    static Optional<WordPieceTokenizer> read(Path tokenizerJson) throws IOException {
        JsonObject root;
        try (Reader r = Files.newBufferedReader(tokenizerJson, StandardCharsets.UTF_8)) {
            JsonElement e = JsonParser.parseReader(r);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("%s: not a JSON object".formatted(tokenizerJson));
            }
            root = e.getAsJsonObject();
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException("%s: not JSON: %s".formatted(tokenizerJson, e.getMessage()), e);
        }
        JsonObject normalizer = object(root, "normalizer");
        JsonObject pre = object(root, "pre_tokenizer");
        JsonObject model = object(root, "model");
        if (normalizer == null || pre == null || model == null || !"BertNormalizer".equals(string(normalizer, "type"))
                || !"BertPreTokenizer".equals(string(pre, "type")) || !"WordPiece".equals(string(model, "type"))
                || object(model, "vocab") == null) {
            return Optional.empty();
        }
        List<String> added = new ArrayList<>();
        if (root.get("added_tokens") instanceof com.google.gson.JsonArray tokens) {
            for (JsonElement t : tokens) {
                JsonObject o = t.getAsJsonObject();
                if (o.has("normalized") && o.get("normalized").getAsBoolean()) {
                    return Optional.empty();
                }
                String content = string(o, "content");
                if (content != null && !content.isEmpty()) {
                    added.add(content);
                }
            }
        }
        boolean lowercase = bool(normalizer, "lowercase", true);
        JsonElement strip = normalizer.get("strip_accents");
        boolean stripAccents = strip == null || strip.isJsonNull() ? lowercase : strip.getAsBoolean();
        String prefix = string(model, "continuing_subword_prefix");
        prefix = prefix == null ? "##" : prefix;
        String unk = string(model, "unk_token");
        unk = unk == null ? "[UNK]" : unk;
        JsonElement max = model.get("max_input_chars_per_word");
        int maxChars = max == null || max.isJsonNull() ? 100 : max.getAsInt();
        Trie trie = new Trie();
        Integer unkId = null;
        for (Map.Entry<String, JsonElement> e : model.getAsJsonObject("vocab").entrySet()) {
            String token = e.getKey();
            int id = e.getValue().getAsInt();
            trie.put(Trie.ROOT, token, 0, id);
            if (token.startsWith(prefix) && token.length() > prefix.length()) {
                trie.put(Trie.CONTINUATION, token, prefix.length(), id);
            }
            if (token.equals(unk)) {
                unkId = id;
            }
        }
        if (unkId == null) {
            // Hugging Face fails only on a text that needs the unknown token; leave every text to it.
            return Optional.empty();
        }
        return Optional.of(new WordPieceTokenizer(bool(normalizer, "clean_text", true), bool(normalizer, "handle_chinese_chars", true),
                stripAccents, lowercase, maxChars, unkId, added.toArray(String[]::new), trie));
    }

    /**
     * The token ids of a text, without special tokens, as Hugging Face's {@code encode(text, false)}.
     *
     * @return the ids (possibly none), or {@code null} if this text must go to Hugging Face's own
     *         tokenizer: it holds an added token's content, an unpaired surrogate or a code point of
     *         {@link #UNICODE_DIFFERENCES}
     */
    int[] ids(String text) {
        for (String t : addedTokens) {
            if (text.contains(t)) {
                return null;
            }
        }
        int n = text.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        int len = ascii ? normaliseAscii(text) : normaliseUnicode(text);
        if (len < 0) {
            return null;
        }
        int count = tokenize(len); // may grow out, so read out after it
        return Arrays.copyOf(out, count);
    }

    /** Cleans and lowercases an all-ASCII text into {@link #norm}; its length. */
    private int normaliseAscii(String text) {
        int n = text.length();
        char[] buf = ensureNorm(n);
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (asciiKind[c] == DROP) {
                continue;
            }
            buf[len++] = asciiKind[c] == SPACE ? ' ' : asciiMapped[c];
        }
        return len;
    }

    /** The whole normaliser for a text with non-ASCII characters, into {@link #norm}; its length, or -1 for an unpaired surrogate. */
    private int normaliseUnicode(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.SURROGATE || tablesDiffer(c)) {
                return -1;
            }
            if (cleanText) {
                if (c == 0 || c == 0xFFFD || (c != '\t' && c != '\n' && c != '\r' && isOther(c))) {
                    continue;
                }
                if (c == '\t' || c == '\n' || c == '\r' || isWhitespace(c)) {
                    c = ' ';
                }
            }
            if (chineseChars && isChinese(c)) {
                sb.append(' ').appendCodePoint(c).append(' ');
            } else {
                sb.appendCodePoint(c);
            }
        }
        CharSequence s = sb;
        if (stripAccents) {
            String nfd = Normalizer.normalize(sb, Normalizer.Form.NFD);
            StringBuilder kept = new StringBuilder(nfd.length());
            for (int i = 0; i < nfd.length(); ) {
                int c = nfd.codePointAt(i);
                i += Character.charCount(c);
                if (Character.getType(c) != Character.NON_SPACING_MARK) {
                    kept.appendCodePoint(c);
                }
            }
            s = kept;
        }
        char[] buf = ensureNorm(2 * s.length());
        int len = 0;
        for (int i = 0; i < s.length(); ) {
            int c = Character.codePointAt(s, i);
            i += Character.charCount(c);
            if (lowercase) {
                if (c == 0x130) {
                    buf[len++] = 'i';
                    buf[len++] = '\u0307';
                    continue;
                }
                c = Character.toLowerCase(c);
            }
            len += Character.toChars(c, buf, len);
        }
        return len;
    }

    /** Pre-tokenizes {@code norm[0, len)} and runs WordPiece on each word into {@link #out}; the count. */
    private int tokenize(int len) {
        char[] buf = norm;
        int count = 0;
        int start = -1;
        for (int i = 0; i < len; ) {
            char ch = buf[i];
            byte kind;
            int width = 1;
            if (ch < 0x80) {
                kind = asciiKind[ch];
            } else {
                int c = Character.codePointAt(buf, i, len);
                width = Character.charCount(c);
                kind = isWhitespace(c) ? SPACE : isPunctuation(c) ? PUNCT : WORD;
            }
            if (kind == WORD) { // DROP does not get here: normalising removed those chars
                if (start < 0) {
                    start = i;
                }
            } else {
                if (start >= 0) {
                    count = wordPiece(buf, start, i, count);
                    start = -1;
                }
                if (kind == PUNCT) {
                    count = wordPiece(buf, i, i + width, count);
                }
            }
            i += width;
        }
        if (start >= 0) {
            count = wordPiece(buf, start, len, count);
        }
        return count;
    }

    /** WordPiece of the word {@code buf[from, to)}, appended to {@link #out} at {@code count}; the new count. */
    private int wordPiece(char[] buf, int from, int to, int count) {
        int codePoints = to - from;
        if (codePoints > maxInputCharsPerWord) {
            for (int i = from; i < to; i++) {
                if (Character.isLowSurrogate(buf[i])) {
                    codePoints--;
                }
            }
        }
        if (codePoints > maxInputCharsPerWord) {
            return append(count, unkId);
        }
        int first = count;
        int start = from;
        while (start < to) {
            // Longest vocabulary entry that buf[start, ...) starts with: the deepest id seen on the trie walk.
            int node = start == from ? Trie.ROOT : Trie.CONTINUATION;
            int bestId = -1;
            int bestEnd = start;
            for (int i = start; i < to; i++) {
                node = vocab.child(node, buf[i]);
                if (node < 0) {
                    break;
                }
                int id = vocab.id(node);
                if (id >= 0) {
                    bestId = id;
                    bestEnd = i + 1;
                }
            }
            if (bestId < 0) {
                return append(first, unkId);
            }
            count = append(count, bestId);
            start = bestEnd;
        }
        return count;
    }

    private int append(int count, int id) {
        if (count == out.length) {
            out = Arrays.copyOf(out, 2 * count);
        }
        out[count] = id;
        return count + 1;
    }

    private char[] ensureNorm(int n) {
        if (norm.length < n) {
            norm = new char[Math.max(n, 2 * norm.length)];
        }
        return norm;
    }

    /** What an ASCII char is after cleaning, for the pre-tokenizer. */
    private byte kind(char c) {
        if (cleanText && (c == 0 || (c != '\t' && c != '\n' && c != '\r' && isOther(c)))) {
            return DROP;
        }
        if (isWhitespace(c)) {
            return SPACE;
        }
        return isPunctuation(c) ? PUNCT : WORD;
    }

    /** Whether {@code c} lies in {@link #UNICODE_DIFFERENCES}. */
    static boolean tablesDiffer(int c) {
        if (c < UNICODE_DIFFERENCES[0]) {
            return false;
        }
        int i = Arrays.binarySearch(UNICODE_DIFFERENCES, c);
        // Found: a range's first or last code point. Else the insertion point: odd means inside a range.
        return i >= 0 || ((-i - 1) & 1) == 1;
    }

    /** Rust's {@code char::is_whitespace}: the White_Space property. */
    static boolean isWhitespace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** What {@code clean_text} drops as "other": Cc, Cf, Co, Cs (unassigned code points stay, as Hugging Face keeps them). */
    static boolean isOther(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** BERT's {@code is_punctuation}: ASCII punctuation, or a P* category. */
    static boolean isPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** BERT's CJK ideograph ranges. */
    static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static boolean bool(JsonObject o, String key, boolean absent) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? absent : e.getAsBoolean();
    }

    /**
     * The vocabulary as a trie over chars: nodes are ints, edges live in one open-addressing table
     * keyed by (node, char), so a walk makes no objects. Two roots: whole-word-start pieces, and
     * continuation pieces with their prefix taken off.
     */
    private static final class Trie {
        static final int ROOT = 0;
        static final int CONTINUATION = 1;

        private long[] keys = new long[1 << 16];
        private int[] children = new int[1 << 16];
        private int edges;
        private int[] ids = {-1, -1};
        private int nodes = 2;

        Trie() {
            Arrays.fill(keys, -1L);
        }

        void put(int root, String token, int from, int id) {
            int node = root;
            for (int i = from; i < token.length(); i++) {
                int next = child(node, token.charAt(i));
                if (next < 0) {
                    next = add(node, token.charAt(i));
                }
                node = next;
            }
            ids[node] = id;
        }

        int id(int node) {
            return ids[node];
        }

        /** The child of {@code node} along {@code c}, or -1. */
        int child(int node, char c) {
            long key = ((long) node << 16) | c;
            int mask = keys.length - 1;
            for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
                long k = keys[slot];
                if (k == key) {
                    return children[slot];
                }
                if (k == -1L) {
                    return -1;
                }
            }
        }

        private int add(int node, char c) {
            if (2 * (edges + 1) > keys.length) {
                grow();
            }
            if (nodes == ids.length) {
                ids = Arrays.copyOf(ids, 2 * nodes);
                Arrays.fill(ids, nodes, ids.length, -1);
            }
            int child = nodes++;
            insert(((long) node << 16) | c, child);
            edges++;
            return child;
        }

        private void insert(long key, int child) {
            int mask = keys.length - 1;
            int slot = hash(key) & mask;
            while (keys[slot] != -1L) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            children[slot] = child;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldChildren = children;
            keys = new long[2 * oldKeys.length];
            children = new int[2 * oldChildren.length];
            Arrays.fill(keys, -1L);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != -1L) {
                    insert(oldKeys[i], oldChildren[i]);
                }
            }
        }

        private static int hash(long key) {
            // MurmurHash3's finaliser: node and char bits both reach the low bits the mask keeps.
            long h = (key ^ (key >>> 33)) * 0xFF51AFD7ED558CCDL;
            h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
            return (int) (h ^ (h >>> 33));
        }
    }
}
