package org.chapar.bench.scenario;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real JPEG photos of about a given size, each different (so the server's content dedupe does not
 * turn a benchmark of uploads into one of a single file): a gradient with grain, which JPEG
 * compresses about as much as a camera's picture of a busy scene.
 */
final class Photos {
    private static final float QUALITY = 0.9f;

    private Photos() {}

    /** A JPEG of roughly {@code targetBytes} (within a fifth), different for every seed. */
    static byte[] jpeg(int targetBytes, long seed) {
        int side = 256;
        double bytesPerPixel = (double) encode(side, side, seed).length / (side * side);
        double pixels = targetBytes / bytesPerPixel;
        int width = (int) Math.max(16, Math.sqrt(pixels * 4 / 3));
        int height = (int) Math.max(16, pixels / width);
        return encode(width, height, seed);
    }

    private static byte[] encode(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int hue = random.nextInt(256);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int grain = random.nextInt(64) - 32;
                int r = clamp(x * 255 / width + grain);
                int g = clamp(y * 255 / height + grain);
                int b = clamp(hue + grain);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
