package org.chapar.server.media.image;

/** An upload that is not a photo Chapar stores: the reason says why, for the client's error. */
public final class ImageRejected extends Exception {
    /** Why an image was refused. */
    public enum Reason {
        /** The bytes are not an image at all (whatever the file name or declared type says). */
        NOT_AN_IMAGE,
        /** An image, but not one of the types photos are kept in (JPEG, PNG). */
        TYPE_NOT_SUPPORTED,
        /** The header declares more pixels, or a longer side, than the limits allow. */
        TOO_MANY_PIXELS,
        /** The header or the pixel data cannot be read. */
        CORRUPT
    }

    private final Reason reason;

    ImageRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    ImageRejected(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
