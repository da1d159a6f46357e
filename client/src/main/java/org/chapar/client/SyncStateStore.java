package org.chapar.client;

import java.nio.file.Path;

/** Persists a client's {@link SyncState}; {@link #save} must be durable before it returns. */
public interface SyncStateStore {

    SyncState load();

    void save(SyncState state);

    /** Forgets everything (for tests and throwaway clients). */
    static SyncStateStore inMemory() {
        return new MemorySyncStateStore();
    }

    /** A properties file written atomically (temp file + rename), readable only by its owner. */
    static SyncStateStore file(Path path) {
        return new FileSyncStateStore(path);
    }
}
