package org.chapar.bench.servers;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalLong;

/** A running server under test. Closing it stops everything the benchmark started. */
public interface Target extends AutoCloseable {
    /** Short name for tables: "chapar", "ejabberd", "null". */
    String name();

    String version();

    InetSocketAddress address();

    /** The server's OS process where it runs in one; empty when in-process. */
    OptionalLong pid();

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
