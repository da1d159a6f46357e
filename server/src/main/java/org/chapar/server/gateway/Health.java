package org.chapar.server.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /health} answers: the problem that keeps the node from serving, if any (503), what
 * will stop it later if nobody acts (a certificate that could not be renewed: 200, status degraded,
 * so that a load balancer keeps a node that still serves), and the state of each part by name
 * ({@code store}, {@code bus}, {@code admission}, {@code certificate}).
 */
public record Health(
        Optional<String> problem, Optional<String> warning, Map<String, String> parts) {

    public static Health of(Optional<String> problem) {
        return new Health(problem, Optional.empty(), Map.of());
    }

    /** Adds a part; the first failing part that has a problem becomes the node's problem. */
    public Health with(String part, String state, Optional<String> partProblem) {
        Map<String, String> next = new LinkedHashMap<>(parts);
        next.put(part, state);
        return new Health(problem.isPresent() ? problem : partProblem, warning, next);
    }

    /** Adds a part that still serves but needs an operator; the first such is the warning. */
    public Health warn(String part, String state, Optional<String> partWarning) {
        Map<String, String> next = new LinkedHashMap<>(parts);
        next.put(part, state);
        return new Health(problem, warning.isPresent() ? warning : partWarning, next);
    }

    String json() {
        StringBuilder b = new StringBuilder("{\"status\":\"");
        b.append(problem.isPresent() ? "failing" : warning.isPresent() ? "degraded" : "ok")
                .append('"');
        problem.ifPresent(
                p -> b.append(",\"problem\":\"").append(HttpReply.jsonText(p)).append('"'));
        warning.ifPresent(
                w -> b.append(",\"warning\":\"").append(HttpReply.jsonText(w)).append('"'));
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
