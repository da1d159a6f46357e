package org.chapar.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.function.Function;

/**
 * A fresh store per test for the storage contract suites; an adapter's test says how to open one.
 * {@link #write} and {@link #read} wait for the result.
 */
public abstract class StoreFixture {
    protected Store store;

    /** A new, empty, migrated store. */
    protected abstract Store openEmpty() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openEmpty();
    }

    @AfterEach
    void close() {
        store.close();
    }

    protected <T> T write(Function<StoreTx, T> work) {
        return store.write(work).join();
    }

    protected <T> T read(Function<StoreTx, T> work) {
        return store.read(work).join();
    }
}
