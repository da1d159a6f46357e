package org.chapar.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a run's environment and results as JSON. */
public final class JsonReport {
    private JsonReport() {}

    public static void write(Path file, Map<String, Object> environment, List<Result> results)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", environment);
        root.put("results", results.stream().map(JsonReport::toMap).toList());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), root);
    }

    private static Map<String, Object> toMap(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario());
        m.put("server", r.server());
        m.put("parameters", r.parameters());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Metric metric : r.metrics())
            metrics.put(metric.name(), Map.of("value", metric.value(), "unit", metric.unit()));
        m.put("metrics", metrics);
        m.put("notes", r.notes());
        m.put("intervals", r.intervals());
        return m;
    }
}
