package org.chapar.server.store;

/** The database failed (I/O, corruption, a full disk, a bug in SQL): never the client's fault. */
public final class StoreException extends RuntimeException {
    private final boolean mayHaveApplied;
    private boolean unreachable;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param mayHaveApplied a commit failed in a way that does not rule out that it reached the
     *     disk (an I/O error after the commit record was written): its outcome is unknown
     */
    public StoreException(String message, Throwable cause, boolean mayHaveApplied) {
        super(message, cause);
        this.mayHaveApplied = mayHaveApplied;
    }

    /** The database could not be reached at all (a network database's outage), not one fault. */
    public static StoreException unreachable(String message, Throwable cause) {
        StoreException e = new StoreException(message, cause, false);
        e.unreachable = true;
        return e;
    }

    public boolean unreachable() {
        return unreachable;
    }

    public boolean mayHaveApplied() {
        return mayHaveApplied;
    }
}
