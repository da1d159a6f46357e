package org.chapar.server.media.image;

/**
 * What a photo may declare before it is decoded. The pixel limit also bounds memory: cleaning holds
 * the decoded image and its sRGB copy, at most about 8 bytes per pixel.
 *
 * @param maxPixels most pixels (width times height) an image may declare
 * @param maxSide longest side an image may declare, in pixels
 * @param jpegQuality JPEG re-encoding quality, in (0, 1]
 */
public record ImageLimits(long maxPixels, int maxSide, float jpegQuality) {
    public ImageLimits {
        if (maxPixels <= 0 || maxSide <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
        if (!(jpegQuality > 0f && jpegQuality <= 1f)) {
            throw new IllegalArgumentException("jpegQuality must be in (0, 1]");
        }
    }

    /** 40 megapixels (a full-frame camera's photo), 12,000 px a side, JPEG quality 0.9. */
    public static ImageLimits defaults() {
        return new ImageLimits(40_000_000L, 12_000, 0.9f);
    }
}
