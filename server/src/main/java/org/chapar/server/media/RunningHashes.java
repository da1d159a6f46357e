package org.chapar.server.media;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content hash of each upload, carried along as its bytes are written, so that the last byte
 * does not make the server read the whole file again to hash it for the content store. Kept in
 * memory only: after a restart, or once a request kept fewer bytes than it hashed (a cut checksum
 * chunk, a refused body), an upload has none and its finish hashes the file as before.
 */
final class RunningHashes {
    /** The digest of an upload's first {@code at} bytes. */
    static final class Running {
        private final MessageDigest digest = Content.digest();
        private long at;
    }

    private final Map<String, Running> byUpload = new ConcurrentHashMap<>();

    /**
     * The digest to continue for a request writing from {@code offset}, or null when what is kept
     * does not cover the bytes before it (the request's bytes then go unhashed here).
     */
    Running resume(String uploadId, long offset) {
        Running r =
                offset == 0
                        ? byUpload.computeIfAbsent(uploadId, k -> new Running())
                        : byUpload.get(uploadId);
        if (r == null) {
            return null;
        }
        synchronized (r) {
            if (r.at == offset) {
                return r;
            }
        }
        byUpload.remove(uploadId, r);
        return offset == 0 ? resume(uploadId, 0) : null;
    }

    static void update(Running r, ByteBuffer bytes) {
        synchronized (r) {
            r.digest.update(bytes);
        }
    }

    /** The request kept {@code kept} of the {@code hashed} bytes it hashed. */
    void settled(String uploadId, Running r, long hashed, long kept) {
        synchronized (r) {
            if (kept == hashed) {
                r.at += kept;
                return;
            }
        }
        byUpload.remove(uploadId, r);
    }

    /** The hex sha256 of the whole upload when its running hash covers {@code length} bytes. */
    String finished(String uploadId, long length) {
        Running r = byUpload.remove(uploadId);
        if (r == null) {
            return null;
        }
        synchronized (r) {
            return r.at == length ? HexFormat.of().formatHex(r.digest.digest()) : null;
        }
    }

    void forget(String uploadId) {
        byUpload.remove(uploadId);
    }
}
