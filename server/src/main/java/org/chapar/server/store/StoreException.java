package org.chapar.server.store;

/** The database failed (I/O, corruption, a bug in SQL): never the client's fault. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
