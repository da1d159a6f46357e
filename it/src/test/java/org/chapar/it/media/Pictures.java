package org.chapar.it.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import javax.imageio.ImageIO;

/** Small real images for the media tests: an orange picture with a blue corner, and its bytes. */
public final class Pictures {
    private Pictures() {}

    public static BufferedImage picture(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w / 4, h / 4);
        g.dispose();
        return img;
    }

    /** The image in {@code format} ("png", "jpeg"), as ImageIO writes it. */
    public static byte[] encode(BufferedImage img, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    public static byte[] png(int w, int h) throws Exception {
        return encode(picture(w, h), "png");
    }
}
