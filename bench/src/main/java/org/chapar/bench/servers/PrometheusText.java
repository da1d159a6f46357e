package org.chapar.bench.servers;

import java.util.OptionalDouble;

/** Reads one metric out of a Prometheus text exposition ({@code /metrics}). */
final class PrometheusText {
    private PrometheusText() {}

    /**
     * The sum of every series of {@code name} (all label sets), or empty when the text has none.
     * Micrometer exposes a counter {@code x} as {@code x_total}: pass the exposed name.
     */
    static OptionalDouble sum(String text, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(name)) continue;
            if (line.length() == name.length()) continue;
            char after = line.charAt(name.length());
            if (after != ' ' && after != '{') continue;
            String value = line.substring(line.lastIndexOf(' ') + 1);
            sum += Double.parseDouble(value);
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }
}
