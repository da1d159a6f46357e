package org.chapar.server.media.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Downscaling by halves with bilinear filtering, then one last step to the exact size: a single
 * bilinear step from far larger skips pixels and aliases.
 */
final class Scaling {
    private Scaling() {}

    /** The image scaled so its longest side is {@code longestSide} (never upscaled). */
    static BufferedImage fit(BufferedImage source, int longestSide, boolean alpha) {
        int w = source.getWidth();
        int h = source.getHeight();
        int longest = Math.max(w, h);
        if (longest <= longestSide) {
            return source;
        }
        int targetW = Math.max(1, (int) Math.round((double) w * longestSide / longest));
        int targetH = Math.max(1, (int) Math.round((double) h * longestSide / longest));
        BufferedImage current = source;
        int cw = w;
        int ch = h;
        do {
            cw = Math.max(targetW, cw / 2);
            ch = Math.max(targetH, ch / 2);
            current = draw(current, cw, ch, alpha);
        } while (cw != targetW || ch != targetH);
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int w, int h, boolean alpha) {
        BufferedImage out =
                new BufferedImage(
                        w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
