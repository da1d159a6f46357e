package org.chapar.bench.servers;

import java.net.InetSocketAddress;
import java.util.OptionalLong;

/** A server somebody else started ({@code --connect host:port [--server-pid PID]}). */
public record ExternalServer(String name, InetSocketAddress address, OptionalLong pid)
        implements Target {
    @Override
    public String version() {
        return "external";
    }

    @Override
    public OptionalLong heapUsedAfterGc() {
        return pid.isPresent() && name.equals("chapar")
                ? Jvm.heapUsedAfterGc(pid.getAsLong())
                : OptionalLong.empty();
    }

    @Override
    public void close() {}
}
