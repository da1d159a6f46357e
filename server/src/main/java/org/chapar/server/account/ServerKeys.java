package org.chapar.server.account;

import java.util.function.Supplier;

/** The server's own secrets, by name (storage port). */
public interface ServerKeys {
    /**
     * The key called {@code name}; the first caller stores {@code fresh}'s bytes. Concurrent first
     * callers agree: one insert wins and every caller reads the winner's key.
     */
    byte[] getOrCreate(String name, Supplier<byte[]> fresh);
}
