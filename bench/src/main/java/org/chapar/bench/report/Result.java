package org.chapar.bench.report;

import org.chapar.bench.load.Interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one scenario measured against one server. */
public final class Result {
    private final String scenario;
    private final String server;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private List<Interval> intervals = List.of();

    public Result(String scenario, String server) {
        this.scenario = scenario;
        this.server = server;
    }

    public Result parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public Result metric(String name, double value, String unit) {
        metrics.add(new Metric(name, value, unit, !isCost(unit, name)));
        return this;
    }

    public Result note(String name, String text) {
        notes.put(name, text);
        return this;
    }

    public Result intervals(List<Interval> series) {
        this.intervals = List.copyOf(series);
        return this;
    }

    private static boolean isCost(String unit, String name) {
        return unit.equals("ms")
                || unit.equals("s")
                || unit.endsWith("B")
                || unit.contains("/conn")
                || name.contains("lost")
                || name.contains("error")
                || name.contains("cpu");
    }

    public String scenario() {
        return scenario;
    }

    public String server() {
        return server;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public Map<String, String> notes() {
        return notes;
    }

    public List<Interval> intervals() {
        return intervals;
    }

    public Metric metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }
}
