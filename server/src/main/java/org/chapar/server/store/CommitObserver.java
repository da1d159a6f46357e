package org.chapar.server.store;

/** Hears about each committed write batch: how many writes it held and how long it took. */
@FunctionalInterface
public interface CommitObserver {
    CommitObserver NONE = (size, nanos) -> {};

    void committed(int writes, long nanos);
}
