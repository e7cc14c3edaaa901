package dev.greenloop.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reader of the Prometheus and OpenMetrics text formats' sample lines ({@code name{k="v",...} value}), for tests:
 * it reads the text back rather than comparing strings. Format: https://prometheus.io/docs/instrumenting/exposition_formats/
 * and https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md.
 */
final class Exposition {

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final List<String> comments;

    private Exposition(List<Sample> samples, List<String> comments) {
        this.samples = samples;
        this.comments = comments;
    }

    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line);
                continue;
            }
            samples.add(sample(line));
        }
        return new Exposition(samples, comments);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new TreeMap<>();
        String name;
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq);
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    if (line.charAt(j) == '\\') {
                        j++;
                        value.append(line.charAt(j) == 'n' ? '\n' : line.charAt(j));
                    } else {
                        value.append(line.charAt(j));
                    }
                    j++;
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            rest = i + 2;
        } else {
            name = line.substring(0, space);
            rest = space + 1;
        }
        String[] tail = line.substring(rest).split(" ");
        return new Sample(name, labels, Double.parseDouble(tail[0]));
    }

    List<Sample> samples() {
        return samples;
    }

    List<String> comments() {
        return comments;
    }

    /** @return the samples of one series name */
    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** @return the value of the one sample with this name and exactly these labels; fails if there is none */
    double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels))).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in " + samples)).value();
    }
}
