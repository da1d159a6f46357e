package org.chapar.server.media.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an uploaded photo into one that is safe to share: the real type (JPEG or PNG, from the
 * bytes), the size checked on the header before decoding, the EXIF orientation applied to the
 * pixels, and every piece of metadata (EXIF with GPS and serials, XMP, IPTC, comments, ICC
 * profiles) dropped by re-encoding the pixels alone, in sRGB. JPEG stays JPEG, PNG stays PNG with
 * its alpha.
 *
 * <p>Thread-safe; each call holds at most about 8 bytes per allowed pixel, so the caller bounds the
 * memory by bounding how many photos are processed at once.
 */
public final class PhotoProcessor {
    /** Longest side of each thumbnail size, largest first (Telegram's photo sizes). */
    private static final List<Size> SIZES =
            List.of(new Size("y", 1280), new Size("x", 800), new Size("m", 320), new Size("s", 90));

    private record Size(String name, int longestSide) {}

    private final ImageLimits limits;

    public PhotoProcessor(ImageLimits limits) {
        this.limits = limits;
    }

    /** Writes the clean, upright photo to {@code target} (replaced) and says what it is. */
    public CleanPhoto clean(Path source, Path target) throws ImageRejected {
        ImageType type = ImageType.sniff(source);
        BufferedImage stored = Codec.decode(source, type, limits);
        int orientation = Orientation.of(source, type);
        BufferedImage upright = upright(stored, orientation, type);
        stored.flush();
        write(upright, type, target);
        return new CleanPhoto(upright.getWidth(), upright.getHeight(), type.mime);
    }

    /**
     * Writes into {@code dir} the thumbnails of a photo made by {@link #clean}, named {@code
     * <size>.jpg} or {@code <size>.png} in the photo's format: "y" 1280, "x" 800, "m" 320, "s" 90
     * pixels on the longest side, the aspect kept. A size is made only when it is smaller than the
     * photo (never upscaled); a photo no larger than 90 pixels gets one "s" at its own size.
     */
    public List<Thumbnail> thumbnails(Path cleanPhoto, Path dir) throws ImageRejected {
        ImageType type = ImageType.sniff(cleanPhoto);
        BufferedImage current = Codec.decode(cleanPhoto, type, limits);
        int longest = Math.max(current.getWidth(), current.getHeight());
        List<Thumbnail> made = new ArrayList<>();
        for (Size size : SIZES) {
            if (size.longestSide() >= longest) {
                continue;
            }
            // Each size is scaled from the previous one: fewer pixels to read, and within 2x it
            // stays
            // sharp.
            current = Scaling.fit(current, size.longestSide(), current.getColorModel().hasAlpha());
            made.add(writeThumbnail(size.name(), current, type, dir));
        }
        if (made.isEmpty()) {
            made.add(writeThumbnail("s", upright(current, Orientation.UPRIGHT, type), type, dir));
        }
        return List.copyOf(made);
    }

    private Thumbnail writeThumbnail(String size, BufferedImage image, ImageType type, Path dir) {
        Path path = dir.resolve(size + "." + type.extension);
        write(image, type, path);
        return new Thumbnail(size, image.getWidth(), image.getHeight(), path);
    }

    private void write(BufferedImage image, ImageType type, Path target) {
        try {
            Codec.encode(image, type, limits, target);
        } catch (IOException e) {
            // A failure to write our own file is the server's, not the upload's fault.
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** A fresh sRGB copy of the pixels turned upright; alpha kept for PNG only. */
    private static BufferedImage upright(BufferedImage stored, int orientation, ImageType type) {
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = Orientation.swapsSides(orientation);
        boolean alpha = type == ImageType.PNG && stored.getColorModel().hasAlpha();
        BufferedImage out =
                new BufferedImage(
                        swap ? h : w,
                        swap ? w : h,
                        alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(stored, Orientation.transform(orientation, w, h), null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
