package org.chapar.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local addresses handed out round robin to new client sockets. Linux allocates ephemeral ports per
 * source address, so eight loopback addresses give eight times the ~28,000 ports of one.
 */
public final class SourceAddresses {
    private final List<InetSocketAddress> addresses;
    private final AtomicInteger next = new AtomicInteger();

    public SourceAddresses(List<InetAddress> addresses) {
        if (addresses.isEmpty()) throw new IllegalArgumentException("no source addresses");
        this.addresses = addresses.stream().map(a -> new InetSocketAddress(a, 0)).toList();
    }

    /** Parses "127.0.0.2-127.0.0.9" (last octet range) or a comma-separated list. */
    public static SourceAddresses parse(String spec) {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (String part : spec.split(",")) {
                part = part.strip();
                int dash = part.indexOf('-');
                if (dash < 0) {
                    out.add(InetAddress.getByName(part));
                    continue;
                }
                byte[] from = InetAddress.getByName(part.substring(0, dash)).getAddress();
                byte[] to = InetAddress.getByName(part.substring(dash + 1)).getAddress();
                for (int last = from[3] & 0xff; last <= (to[3] & 0xff); last++) {
                    byte[] a = from.clone();
                    a[3] = (byte) last;
                    out.add(InetAddress.getByAddress(a));
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad source address list: " + spec, e);
        }
        return new SourceAddresses(out);
    }

    public InetSocketAddress next() {
        return addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size()));
    }

    public int size() {
        return addresses.size();
    }
}
