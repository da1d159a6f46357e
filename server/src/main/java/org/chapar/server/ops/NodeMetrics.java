package org.chapar.server.ops;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import org.chapar.protocol.ClientFrame;
import org.chapar.server.bus.Bus;
import org.chapar.server.gateway.Dispatcher;
import org.chapar.server.gateway.Gateway;
import org.chapar.server.gateway.HttpReply;
import org.chapar.server.gateway.HttpRoutes;
import org.chapar.server.store.Store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This node's metrics in the Prometheus text format at {@code /metrics} (Micrometer): connections,
 * requests by kind (sends among them), the live fan-out, commit batch sizes and durations as
 * histograms, bus publishes, receives, losses and state, admission at the node's limits. Each node
 * answers for itself; Prometheus adds them up. Micrometer holds a meter's source object weakly
 * unless told otherwise: some sources here are small wrappers nothing else keeps, so this object
 * (which the route keeps) holds them all (else a meter reads NaN after the next collection).
 */
public final class NodeMetrics {
    /** What the gateway counts of its connections, read without naming its socket classes. */
    public record Connections(IntSupplier connections, IntSupplier users, LongSupplier pushed) {}

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchWrites;
    private final Timer batchTime;

    /** The meters' sources, held here because Micrometer holds them only weakly. */
    @SuppressWarnings("unused")
    private final List<Object> sources;

    public NodeMetrics(
            Store store,
            Bus bus,
            Dispatcher dispatcher,
            Connections connections,
            Supplier<Gateway.AdmissionState> admission,
            IntSupplier liveNodes) {
        this.sources = List.of(store, bus, dispatcher, connections, admission, liveNodes);
        Gauge.builder("chapar_connections", connections, c -> c.connections().getAsInt())
                .strongReference(true)
                .description("logged-in connections on this node")
                .register(registry);
        Gauge.builder("chapar_connected_users", connections, c -> c.users().getAsInt())
                .strongReference(true)
                .description("users with at least one connection on this node")
                .register(registry);
        Gauge.builder("chapar_connections_waiting", () -> admission.get().waiting())
                .description("connections not logged in yet")
                .register(registry);
        FunctionCounter.builder("chapar_connections_displaced", admission, a -> a.get().displaced())
                .description("connections not logged in closed to make room (caps full)")
                .register(registry);
        FunctionCounter.builder("chapar_accept_failures", admission, a -> a.get().acceptFailures())
                .description("accepts that failed (no file descriptor left)")
                .register(registry);
        Gauge.builder(
                        "chapar_at_limit",
                        () ->
                                admission.get().atLimit() || admission.get().limited().isPresent()
                                        ? 1
                                        : 0)
                .description("1 while the node refuses or displaces new connections")
                .register(registry);
        FunctionCounter.builder("chapar_connections_refused", admission, a -> a.get().refused())
                .description("WebSocket upgrades refused at the connection ceiling or heap limit")
                .register(registry);
        for (ClientFrame.RequestCase kind : dispatcher.kinds()) {
            FunctionCounter.builder("chapar_requests", dispatcher, d -> d.received(kind))
                    .tag("kind", kind.name().toLowerCase())
                    .description("requests received by kind (send_message: sends)")
                    .register(registry);
        }
        FunctionCounter.builder("chapar_pushes", connections, c -> c.pushed().getAsLong())
                .description("live frames written to connections from the bus (fan-out)")
                .register(registry);
        FunctionCounter.builder("chapar_bus_published", bus, b -> b.stats().published())
                .register(registry);
        FunctionCounter.builder("chapar_bus_received", bus, b -> b.stats().received())
                .register(registry);
        FunctionCounter.builder("chapar_bus_lost", bus, b -> b.stats().lost())
                .description("publishes lost while the bus was unreachable")
                .register(registry);
        FunctionCounter.builder("chapar_bus_outages", bus, b -> b.stats().outages())
                .register(registry);
        Gauge.builder("chapar_bus_subscriptions", bus, b -> b.stats().subscriptions())
                .strongReference(true)
                .register(registry);
        Gauge.builder("chapar_bus_up", bus, b -> b.reachable() ? 1 : 0)
                .strongReference(true)
                .description("1 while the bus reaches the other nodes")
                .register(registry);
        Gauge.builder("chapar_nodes_live", liveNodes, IntSupplier::getAsInt)
                .strongReference(true)
                .description("nodes whose heartbeat this node hears, itself included")
                .register(registry);
        Gauge.builder("chapar_store_up", store, s -> s.writeProblem().isEmpty() ? 1 : 0)
                .strongReference(true)
                .register(registry);
        batchWrites =
                DistributionSummary.builder("chapar_commit_batch_writes")
                        .description("writes per committed batch (group commit)")
                        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
                        .register(registry);
        batchTime =
                Timer.builder("chapar_commit_batch")
                        .description("time to run and commit one batch")
                        .serviceLevelObjectives(
                                Duration.ofMillis(1),
                                Duration.ofMillis(2),
                                Duration.ofMillis(5),
                                Duration.ofMillis(10),
                                Duration.ofMillis(25),
                                Duration.ofMillis(50),
                                Duration.ofMillis(100),
                                Duration.ofMillis(250),
                                Duration.ofSeconds(1))
                        .register(registry);
        store.observeCommits(
                (writes, nanos) -> {
                    batchWrites.record(writes);
                    batchTime.record(nanos, TimeUnit.NANOSECONDS);
                });
        new JvmMemoryMetrics().bindTo(registry);
    }

    public void register(HttpRoutes routes) {
        routes.small(
                HttpMethod.GET,
                "/metrics",
                0,
                call ->
                        CompletableFuture.completedFuture(
                                new HttpReply(
                                        HttpResponseStatus.OK,
                                        "text/plain; version=0.0.4; charset=utf-8",
                                        registry.scrape().getBytes(StandardCharsets.UTF_8))));
    }
}
