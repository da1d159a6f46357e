package org.chapar.server.store.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded cache of a writer session's rows, least recently used out first; on a reader's session
 * it holds nothing. On PostgreSQL other nodes write the same tables, so only rows that never change
 * once they exist may be cached (private chat ids by pair: docs/adr/0008-store-concurrency.md); a
 * rolled-back call may have cached its own undone insert, so the session forgets after a rollback.
 */
final class WriterCache<K, V> {
    private final Map<K, V> entries;

    private WriterCache(Map<K, V> entries) {
        this.entries = entries;
    }

    /** A cache of at most {@code size} entries on the writer, an always empty one on readers. */
    static <K, V> WriterCache<K, V> of(boolean writer, int size) {
        if (!writer) {
            return new WriterCache<>(null);
        }
        return new WriterCache<>(
                new LinkedHashMap<>(1024, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                        return size() > size;
                    }
                });
    }

    /** The cached value, or null. */
    V get(K key) {
        return entries == null ? null : entries.get(key);
    }

    void put(K key, V value) {
        if (entries != null) {
            entries.put(key, value);
        }
    }

    /** Changes the entry only if there is one. */
    void replace(K key, V value) {
        if (entries != null) {
            entries.replace(key, value);
        }
    }

    void remove(K key) {
        if (entries != null) {
            entries.remove(key);
        }
    }

    void clear() {
        if (entries != null) {
            entries.clear();
        }
    }
}
