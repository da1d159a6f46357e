package org.chapar.server.store;

/**
 * A conditional write found its row changed by another writer since the transaction read it: the
 * call lost a race and runs again in a new transaction, where it reads the winner's change
 * (docs/adr/0008-store-concurrency.md). On a store with one writer it cannot happen.
 */
public final class RaceLost extends RuntimeException {
    public RaceLost(String what) {
        super(what + " changed meanwhile");
    }
}
