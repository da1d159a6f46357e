package org.chapar.server.store.sqlite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A repository's bounded cache of rows on the writer's session, least recently used out first. On a
 * reader's session it holds nothing, since a reader's view must follow other commits.
 *
 * <p>Why the writer may keep rows across transactions: the SQLite adapter has exactly one writer
 * session per database (the data directory is locked by its server, and {@link SqliteStore} opens
 * one), so every change of a cached row passes through the repository that caches it and updates or
 * drops its entry. What a rolled-back call cached may be its own undone change, so the session
 * forgets every cache after a rollback ({@link SqliteTx#forgetCaches()}), and a session dropped
 * after a fault takes its caches with it. An adapter with writers on several nodes must not keep
 * mutable rows across transactions (docs/adr/0008-store-concurrency.md).
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
