package org.chapar.client.media;

/**
 * How many bytes the next PATCH carries. A checksummed chunk counts only when all of it arrived, so
 * its size is what a cut costs, while each PATCH also costs a round trip and the server's {@code
 * fsync}: small chunks waste a fast link, big ones a bad one. So each chunk is sized to take about
 * {@link #TARGET_NANOS} at the speed the previous one went (at most four times the last size, at
 * least half of it), and a cut quarters it; unless the caller fixed one size.
 */
final class ChunkSizer {
    static final int MIN = 256 * 1024;
    static final int FIRST = 1 << 20;
    static final int MAX = 32 << 20;
    static final long TARGET_NANOS = 2_000_000_000L;

    private final boolean fixed;
    private int next;

    /** {@code fixed} > 0: every chunk has that size; 0: sized by the link. */
    ChunkSizer(int fixed) {
        this.fixed = fixed > 0;
        this.next = fixed > 0 ? fixed : FIRST;
    }

    /** The largest chunk this sizer can answer (what a chunk's buffer must hold). */
    int largest() {
        return fixed ? next : MAX;
    }

    int next(long left) {
        return (int) Math.min(next, left);
    }

    /** A chunk of {@code bytes} was taken by the server in {@code nanos}. */
    void sent(long bytes, long nanos) {
        if (fixed || bytes < next) {
            return; // the file's last, shorter chunk says little about the link
        }
        double fit = (double) bytes * TARGET_NANOS / Math.max(1, nanos);
        long size = (long) Math.max(next / 2.0, Math.min(next * 4.0, fit));
        next = (int) Math.max(MIN, Math.min(MAX, size));
    }

    /** A chunk was lost to a cut or a refusal. */
    void cut() {
        if (!fixed) {
            next = Math.max(MIN, next / 4);
        }
    }
}
