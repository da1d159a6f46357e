package org.chapar.server.store.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongUnaryOperator;

/**
 * Counter rows (box heads, chats' last message ids) advanced in the writer's memory and written
 * once per batch, just before its commit, in a few multi-row statements instead of one {@code
 * RETURNING} statement per increment. Only for a writer that is the only one ({@link
 * Dialect#onlyWriter()}): nobody else changes the rows between two of its transactions, so the
 * values it read or wrote stay true (the reasoning of {@link WriterCache}).
 *
 * <p>Rollback follows the call savepoints: what the running call advanced is dropped when it is
 * rolled back and joins the batch's values when it is kept; the rows themselves are written outside
 * every call's savepoint, so no rollback of a call can undo them. A failed commit drops the whole
 * session and so this object with it.
 */
final class BatchCounters {
    private static final int CACHE_SIZE = 200_000;
    private static final int[] CHUNKS = {64, 32, 16, 8, 4, 2, 1};

    private final JdbcStatements db;
    private final LongUnaryOperator load;
    private final IntFunction<String> write;
    private final WriterCache<Long, Long> committed = WriterCache.of(true, CACHE_SIZE);
    private final Map<Long, Long> kept = new HashMap<>();
    private final Map<Long, Long> call = new HashMap<>();
    private final Map<Integer, String> sql = new HashMap<>();

    /**
     * @param load the committed value of a key (its row read from the database)
     * @param write the statement that sets n (key, value) rows
     */
    BatchCounters(JdbcStatements db, LongUnaryOperator load, IntFunction<String> write) {
        this.db = db;
        this.load = load;
        this.write = write;
    }

    /** The current value of the counter, with this batch's and this call's increments. */
    long get(long key) {
        Long v = call.get(key);
        if (v == null) {
            v = kept.get(key);
        }
        if (v == null) {
            v = committed.get(key);
        }
        if (v == null) {
            v = load.applyAsLong(key);
            committed.put(key, v);
        }
        return v;
    }

    /** Advances the counter by {@code by}; returns the new value. */
    long advance(long key, long by) {
        long v = get(key) + by;
        call.put(key, v);
        return v;
    }

    void callStarted() {
        call.clear();
    }

    void callKept() {
        kept.putAll(call);
        call.clear();
    }

    void callRolledBack() {
        call.clear();
    }

    boolean pending() {
        return !kept.isEmpty();
    }

    /** Writes the batch's values, just before the commit. */
    void write() {
        List<Long> args = new ArrayList<>(2 * kept.size());
        kept.forEach(
                (key, value) -> {
                    args.add(key);
                    args.add(value);
                    committed.put(key, value);
                });
        kept.clear();
        int rows = args.size() / 2;
        int at = 0;
        for (int chunk : CHUNKS) {
            while (rows - at >= chunk) {
                db.update(
                        sql.computeIfAbsent(chunk, write::apply),
                        args.subList(2 * at, 2 * (at + chunk)).toArray());
                at += chunk;
            }
        }
    }

    /** {@code (?, ?), (?, ?), ...}: n rows of two parameters. */
    static String rows(int n) {
        return String.join(", ", Collections.nCopies(n, "(?, ?)"));
    }
}
