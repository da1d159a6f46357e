package org.chapar.server.ops;

import org.chapar.server.bus.Bus;
import org.chapar.server.gateway.Gateway;
import org.chapar.server.gateway.Health;
import org.chapar.server.store.Store;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code /health} says of this node: the store can write, the bus reaches the other nodes, and
 * the node is not at its limits. Any of them failing answers 503, so a load balancer sends new
 * clients to another node; the node keeps serving the connections it has.
 */
public final class NodeHealth implements Supplier<Health> {
    private final Store store;
    private final Bus bus;
    private final boolean clustered;
    private final Supplier<Gateway.AdmissionState> admission;
    private final Supplier<Optional<String>> certificate;

    /**
     * {@code certificate}: why the certificate could not be reloaded or renewed, if it could not.
     */
    public NodeHealth(
            Store store,
            Bus bus,
            boolean clustered,
            Supplier<Gateway.AdmissionState> admission,
            Supplier<Optional<String>> certificate) {
        this.store = store;
        this.bus = bus;
        this.clustered = clustered;
        this.admission = admission;
        this.certificate = certificate;
    }

    @Override
    public Health get() {
        Optional<String> storeProblem = store.writeProblem();
        boolean busUp = bus.reachable();
        Gateway.AdmissionState a = admission.get();
        Health h =
                Health.of(Optional.empty())
                        .with("store", storeProblem.isEmpty() ? "ok" : "failing", storeProblem)
                        .with(
                                "bus",
                                !clustered ? "in-process" : busUp ? "ok" : "unreachable",
                                busUp
                                        ? Optional.empty()
                                        : Optional.of("the bus (NATS) is unreachable"))
                        .with("admission", admissionState(a), admissionProblem(a));
        Optional<String> cert = certificate.get();
        return cert.isEmpty() ? h : h.warn("certificate", "not-renewed", cert);
    }

    /** {@code limited}: new WebSockets refused now; {@code at-limit}: caps full of late. */
    private static String admissionState(Gateway.AdmissionState a) {
        return a.limited().isPresent() ? "limited" : a.atLimit() ? "at-limit" : "ok";
    }

    private static Optional<String> admissionProblem(Gateway.AdmissionState a) {
        if (a.limited().isPresent()) {
            return Optional.of(
                    a.limited().get() + ": new connections are refused, the open ones are served");
        }
        return a.atLimit()
                ? Optional.of("at its connection limits: new connections are refused")
                : Optional.empty();
    }
}
