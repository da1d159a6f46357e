package org.chapar.server.store;

/**
 * The data directory cannot be used as it is: another server holds it, the database in it is
 * damaged, empty, or newer than this server; or the media directory given is not the cluster's (ADR
 * 0020). The message says in plain words what is wrong and what the operator can do; the server
 * does not start.
 */
public final class DataDirException extends RuntimeException {
    public DataDirException(String message) {
        super(message);
    }

    public DataDirException(String message, Throwable cause) {
        super(message, cause);
    }
}
