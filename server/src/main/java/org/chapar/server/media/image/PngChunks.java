package org.chapar.server.media.image;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a PNG's eXIf chunk by walking the chunk headers (length, type) up to the first IDAT. No
 * chunk is decoded and none is held in memory except eXIf, which is capped: this is framing, the
 * pixels are javax.imageio's.
 */
final class PngChunks {
    private static final int SIGNATURE_BYTES = 8;
    private static final int MAX_EXIF_BYTES = 1 << 20;

    private PngChunks() {}

    /** The raw TIFF-format EXIF data of the eXIf chunk before the image data, or null. */
    static byte[] exif(Path file) throws IOException {
        long remaining = Files.size(file) - SIGNATURE_BYTES;
        try (InputStream raw = Files.newInputStream(file);
                var in = new DataInputStream(new BufferedInputStream(raw))) {
            in.skipNBytes(SIGNATURE_BYTES);
            while (remaining >= 12) {
                long length = Integer.toUnsignedLong(in.readInt());
                byte[] typeBytes = in.readNBytes(4);
                String type = new String(typeBytes, StandardCharsets.ISO_8859_1);
                remaining -= 8;
                if (length + 4 > remaining || type.equals("IDAT") || type.equals("IEND")) {
                    return null;
                }
                if (type.equals("eXIf") && length <= MAX_EXIF_BYTES) {
                    return in.readNBytes((int) length);
                }
                in.skipNBytes(length + 4); // data and CRC
                remaining -= length + 4;
            }
        } catch (EOFException e) {
            return null;
        }
        return null;
    }
}
