package org.chapar.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints results as a plain-text table, one column per server, then one column per other server
 * with the ratio of the first server to it, oriented so that above 1 means the first is better
 * (throughput divided, costs and latencies inverted).
 */
public final class ResultTable {
    private ResultTable() {}

    public static String render(List<Result> results) {
        Map<String, List<Result>> byScenario = new LinkedHashMap<>();
        for (Result r : results)
            byScenario.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
        StringBuilder out = new StringBuilder();
        for (var e : byScenario.entrySet()) {
            List<Result> rs = e.getValue();
            out.append("\n== ")
                    .append(e.getKey())
                    .append(' ')
                    .append(rs.getFirst().parameters())
                    .append('\n');
            List<String> header = new ArrayList<>(List.of("metric", "unit"));
            for (Result r : rs) header.add(r.server());
            for (int i = 1; i < rs.size(); i++)
                header.add(rs.get(0).server() + "/" + rs.get(i).server() + " (x better)");
            List<List<String>> rows = new ArrayList<>();
            rows.add(header);
            Set<String> names = new LinkedHashSet<>();
            rs.forEach(r -> r.metrics().forEach(m -> names.add(m.name())));
            for (String name : names) {
                List<String> row = new ArrayList<>();
                row.add(name);
                Metric any =
                        rs.stream()
                                .map(r -> r.metric(name))
                                .filter(m -> m != null)
                                .findFirst()
                                .orElseThrow();
                row.add(any.unit());
                for (Result r : rs)
                    row.add(r.metric(name) == null ? "-" : format(r.metric(name).value()));
                for (int i = 1; i < rs.size(); i++)
                    row.add(ratio(rs.get(0).metric(name), rs.get(i).metric(name)));
                rows.add(row);
            }
            out.append(align(rows));
            for (Result r : rs)
                r.notes()
                        .forEach(
                                (k, v) ->
                                        out.append("  ")
                                                .append(r.server())
                                                .append(' ')
                                                .append(k)
                                                .append(": ")
                                                .append(v)
                                                .append('\n'));
        }
        return out.toString();
    }

    static String ratio(Metric a, Metric b) {
        if (a == null || b == null || a.value() == 0 || b.value() == 0) return "-";
        double r = a.higherIsBetter() ? a.value() / b.value() : b.value() / a.value();
        return String.format(Locale.ROOT, "%.2f", r);
    }

    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12)
            return String.format(Locale.ROOT, "%,d", (long) v);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String align(List<List<String>> rows) {
        int cols = rows.getFirst().size();
        int[] width = new int[cols];
        for (List<String> row : rows)
            for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], row.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            sb.append("  ");
            for (int i = 0; i < cols; i++) {
                String cell = row.get(i);
                sb.append(i < 2 ? pad(cell, width[i], false) : pad(cell, width[i], true))
                        .append(i + 1 < cols ? "  " : "");
            }
            sb.append('\n');
            if (r == 0) {
                sb.append("  ");
                for (int i = 0; i < cols; i++)
                    sb.append("-".repeat(width[i])).append(i + 1 < cols ? "  " : "");
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
