package org.chapar.server.media.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;

import java.awt.geom.AffineTransform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The EXIF orientation (TIFF tag 274, values 1 to 8) of a photo and the transform that shows it the
 * right way up.
 *
 * <p>Only the EXIF segments are read: for JPEG metadata-extractor's segment reader with the EXIF
 * reader alone (segments are at most 64 KiB each); for PNG the eXIf chunk found by {@link
 * PngChunks}, never metadata-extractor's PNG reader, which inflates text chunks without a bound.
 * Unreadable EXIF counts as "upright": the metadata is dropped anyway.
 */
final class Orientation {
    static final int UPRIGHT = 1;

    private Orientation() {}

    static int of(Path file, ImageType type) throws ImageRejected {
        Metadata metadata;
        try {
            if (type == ImageType.JPEG) {
                try (var in = new BufferedInputStream(Files.newInputStream(file))) {
                    metadata = JpegMetadataReader.readMetadata(in, List.of(new ExifReader()));
                }
            } else {
                byte[] exif = PngChunks.exif(file);
                if (exif == null) {
                    return UPRIGHT;
                }
                metadata = new Metadata();
                new ExifReader().extract(new ByteArrayReader(exif), metadata, 0);
            }
        } catch (JpegProcessingException | IOException | RuntimeException e) {
            return UPRIGHT;
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            return UPRIGHT;
        }
        try {
            int value = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return value >= 1 && value <= 8 ? value : UPRIGHT;
        } catch (MetadataException e) {
            return UPRIGHT;
        }
    }

    /** Whether the displayed image has width and height swapped against the stored one. */
    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }

    /**
     * Maps stored pixel coordinates (x, y) of a w x h image to displayed ones, following the EXIF
     * definitions: 2 mirrors left-right, 3 turns 180 degrees, 4 mirrors top-bottom, 5 transposes, 6
     * turns 90 degrees clockwise, 7 transverses, 8 turns 90 degrees counter-clockwise.
     */
    static AffineTransform transform(int orientation, int w, int h) {
        // AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11
        // y
        // + m12
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
    }
}
