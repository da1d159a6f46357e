package org.chapar.server.store.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A repository's bounded cache of rows on a writer session, least recently used out first. On a
 * reader's session it holds nothing, since a reader's view must follow other commits.
 *
 * <p>Why a writer may keep rows across transactions: every change of a cached row passes through
 * the repository that caches it, which updates or drops its entry. That holds for rows that change
 * only where the writer is the only one ({@link Dialect#onlyWriter()}: SQLite locks its data
 * directory and opens one writer), and for rows that never change once they exist (a pair's private
 * chat) everywhere. What a rolled-back call cached may be its own undone change, so the session
 * forgets every cache after a rollback ({@link JdbcTx#forgetCaches()}), and a session dropped after
 * a fault takes its caches with it (docs/adr/0008-store-concurrency.md).
 */
public final class WriterCache<K, V> {
    private final Map<K, V> entries;

    private WriterCache(Map<K, V> entries) {
        this.entries = entries;
    }

    /** A cache of at most {@code size} entries on a writer, an always empty one elsewhere. */
    public static <K, V> WriterCache<K, V> of(boolean writer, int size) {
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
    public V get(K key) {
        return entries == null ? null : entries.get(key);
    }

    public void put(K key, V value) {
        if (entries != null) {
            entries.put(key, value);
        }
    }

    /** Changes the entry only if there is one. */
    public void replace(K key, V value) {
        if (entries != null) {
            entries.replace(key, value);
        }
    }

    public void remove(K key) {
        if (entries != null) {
            entries.remove(key);
        }
    }

    public void clear() {
        if (entries != null) {
            entries.clear();
        }
    }
}
