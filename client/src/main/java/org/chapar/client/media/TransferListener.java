package org.chapar.client.media;

/** Hears how far a transfer is; called on the transferring thread, so keep it short. */
@FunctionalInterface
public interface TransferListener {
    TransferListener NONE = (done, total) -> {};

    /** {@code done} of {@code total} bytes are on the other side (or on disk, downloading). */
    void progress(long done, long total);
}
