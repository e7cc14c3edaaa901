package dev.greenloop.carbon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds zones close to a string a user typed: exact or partial matches on zone names ({@code germany},
 * {@code california}), code prefixes ({@code US-CAL}), parent codes ({@code DE-BY} suggests {@code DE}) and small
 * edit distances on codes and name words ({@code US-TEX-ERCT}, {@code Germny}). Stateless.
 */
final class ZoneSuggester {

    private ZoneSuggester() {
    }

    /**
     * @param zones the zones to search
     * @param query what the user typed
     * @param max the most suggestions to return, at least 0
     * @return codes, best match first, without duplicates
     */
    static List<String> suggest(List<ZoneInfo> zones, String query, int max) {
        String code = query.strip().toUpperCase(Locale.ROOT);
        String words = normalizeName(query);
        if (max <= 0 || (code.isEmpty() && words.isEmpty())) {
            return List.of();
        }
        List<Candidate> candidates = new ArrayList<>();
        for (ZoneInfo zone : zones) {
            int score = score(zone, code, words);
            if (score < Integer.MAX_VALUE) {
                candidates.add(new Candidate(zone.code(), score));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::score).thenComparing(Candidate::code));
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (seen.size() == max) {
                break;
            }
            seen.putIfAbsent(c.code(), Boolean.TRUE);
        }
        return List.copyOf(seen.keySet());
    }

    /** Lower is better; {@link Integer#MAX_VALUE} means no match. */
    private static int score(ZoneInfo zone, String code, String words) {
        String zoneCode = zone.code();
        String name = normalizeName(zone.name());
        int best = Integer.MAX_VALUE;
        if (!words.isEmpty() && name.equals(words)) {
            best = 0;
        }
        if (!code.isEmpty() && zoneCode.startsWith(code) && code.length() >= 2) {
            best = Math.min(best, 10 + (zoneCode.length() - code.length()) / 4);
        }
        if (code.startsWith(zoneCode + "-")) {
            best = Math.min(best, 50);
        }
        if (words.length() >= 2 && words.indexOf(' ') < 0 && words.equals(initials(name))) {
            best = Math.min(best, 12);
        }
        if (words.length() >= 3 && containsWordPrefix(name, words)) {
            best = Math.min(best, 15);
        }
        int codeDistance = distance(code, zoneCode);
        if (codeDistance <= Math.max(1, zoneCode.length() / 4)) {
            best = Math.min(best, 30 + 5 * codeDistance);
        }
        if (words.length() >= 4) {
            int nameDistance = distance(words, name);
            for (String word : name.split(" ")) {
                if (word.length() >= 4) {
                    nameDistance = Math.min(nameDistance, distance(words, word));
                }
            }
            if (nameDistance <= Math.max(1, words.length() / 4)) {
                best = Math.min(best, 40 + 5 * nameDistance);
            }
        }
        return best;
    }

    /** The first letter of each word: {@code "united kingdom"} gives {@code "uk"}. */
    private static String initials(String name) {
        StringBuilder out = new StringBuilder(4);
        boolean start = true;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == ' ') {
                start = true;
            } else if (start) {
                out.append(ch);
                start = false;
            }
        }
        return out.toString();
    }

    /** True if {@code phrase} starts at a word boundary inside {@code name}. */
    private static boolean containsWordPrefix(String name, String phrase) {
        int from = 0;
        while (true) {
            int at = name.indexOf(phrase, from);
            if (at < 0) {
                return false;
            }
            if (at == 0 || name.charAt(at - 1) == ' ') {
                return true;
            }
            from = at + 1;
        }
    }

    /** Lower case, letters and digits only, single spaces between words. */
    static String normalizeName(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isLetterOrDigit(ch)) {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                out.append(Character.toLowerCase(ch));
                space = false;
            } else {
                space = true;
            }
        }
        return out.toString();
    }

    /** What {@link #distance} answers for strings whose lengths differ by more than 3. */
    static final int FAR = 1_000;

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions; {@link #FAR}
     * when the lengths differ by more than 3, as no caller accepts such a distance.
     */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > 3) {
            return FAR;
        }
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }

    private record Candidate(String code, int score) {
    }
}
