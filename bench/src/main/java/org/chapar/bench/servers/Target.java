package org.chapar.bench.servers;

import java.net.InetSocketAddress;
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

    @Override
    void close();
}
