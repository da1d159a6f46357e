package org.chapar.bench.servers;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A running server under test. Closing it stops everything the benchmark started. */
public interface Target extends AutoCloseable {
    /** Short name for tables: "chapar", "ejabberd", "null". */
    String name();

    String version();

    InetSocketAddress address();

    /** The server's OS process where it runs in one; empty when in-process. */
    OptionalLong pid();

    /**
     * Every address clients may use; a cluster has one per node and the driver spreads its
     * connections over them round robin.
     */
    default List<InetSocketAddress> addresses() {
        return List.of(address());
    }

    /** Every OS process of the server (one per node of a cluster), for summed RSS and CPU. */
    default List<Long> pids() {
        return pid().isPresent() ? List.of(pid().getAsLong()) : List.of();
    }

    /**
     * A counter or gauge of the server's {@code /metrics}, summed over its series and its nodes;
     * empty where the server has no such endpoint.
     */
    default OptionalDouble metric(String name) {
        return OptionalDouble.empty();
    }

    /**
     * CPU time so far of the database server's processes working for this server (PostgreSQL's
     * backends of its database), or -1 where the store is embedded in the server's process.
     */
    default long databaseCpuNanos() {
        return -1;
    }

    /** Live JVM heap after a full GC, where the server is a JVM; empty otherwise. */
    default OptionalLong heapUsedAfterGc() {
        return OptionalLong.empty();
    }

    /** The certificate the server presents, when it speaks TLS (its own, self-signed). */
    default Optional<X509Certificate> tlsCertificate() {
        return Optional.empty();
    }

    @Override
    void close();
}
