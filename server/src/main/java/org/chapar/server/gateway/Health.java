package org.chapar.server.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /health} answers: the problem that keeps the node from serving, if any, and the state
 * of each part by name ({@code store}, {@code bus}, {@code admission}).
 */
public record Health(Optional<String> problem, Map<String, String> parts) {

    public static Health of(Optional<String> problem) {
        return new Health(problem, Map.of());
    }

    /** Adds a part; the first failing part that has a problem becomes the node's problem. */
    public Health with(String part, String state, Optional<String> partProblem) {
        Map<String, String> next = new LinkedHashMap<>(parts);
        next.put(part, state);
        return new Health(problem.isPresent() ? problem : partProblem, next);
    }

    String json() {
        StringBuilder b = new StringBuilder("{\"status\":\"");
        b.append(problem.isEmpty() ? "ok" : "failing").append('"');
        problem.ifPresent(
                p -> b.append(",\"problem\":\"").append(HttpReply.jsonText(p)).append('"'));
        parts.forEach(
                (k, v) ->
                        b.append(",\"")
                                .append(HttpReply.jsonText(k))
                                .append("\":\"")
                                .append(HttpReply.jsonText(v))
                                .append('"'));
        return b.append('}').toString();
    }
}
