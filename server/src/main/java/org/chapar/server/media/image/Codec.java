package org.chapar.server.media.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * javax.imageio, used so that the limits are checked on the header before pixels are allocated, and
 * so that nothing but pixels is written back.
 */
final class Codec {
    private Codec() {}

    /** Reads the declared size from the header, checks it, and only then decodes the pixels. */
    static BufferedImage decode(Path file, ImageType type, ImageLimits limits)
            throws ImageRejected {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageRejected(ImageRejected.Reason.CORRUPT, "the file cannot be read");
            }
            ImageReader reader = ImageIO.getImageReadersByFormatName(type.imageIoFormat).next();
            try {
                // ignoreMetadata: the reader skips APPn segments and ancillary PNG chunks (no zTXt
                // inflation), so the only memory spent is the declared, checked pixels.
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkSize(width, height, limits);
                if (!reader.getImageTypes(0).hasNext()) {
                    throw new ImageRejected(
                            ImageRejected.Reason.TYPE_NOT_SUPPORTED,
                            "this colour model is not supported");
                }
                return reader.read(0, reader.getDefaultReadParam());
            } finally {
                reader.dispose();
            }
        } catch (ImageRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    private static ImageRejected unreadable(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Unsupported Image Type")) {
            return new ImageRejected(
                    ImageRejected.Reason.TYPE_NOT_SUPPORTED,
                    "this colour model is not supported",
                    e);
        }
        return new ImageRejected(ImageRejected.Reason.CORRUPT, "the image data cannot be read", e);
    }

    static void checkSize(int width, int height, ImageLimits limits) throws ImageRejected {
        if (width <= 0 || height <= 0) {
            throw new ImageRejected(ImageRejected.Reason.CORRUPT, "the image declares no pixels");
        }
        if (width > limits.maxSide()
                || height > limits.maxSide()
                || (long) width * height > limits.maxPixels()) {
            throw new ImageRejected(
                    ImageRejected.Reason.TOO_MANY_PIXELS,
                    "the image declares "
                            + width
                            + "x"
                            + height
                            + " pixels, over the limit of "
                            + limits.maxPixels()
                            + " pixels and "
                            + limits.maxSide()
                            + " a side");
        }
    }

    /**
     * Writes only the pixels (JPEG: a JFIF header, PNG: IHDR, IDAT, IEND) to a temporary file
     * beside the target and moves it into place, so the target is never seen half-written.
     */
    static void encode(BufferedImage image, ImageType type, ImageLimits limits, Path target)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".image-", ".part");
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName(type.imageIoFormat).next();
            try (var out = new FileImageOutputStream(temp.toFile())) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (type == ImageType.JPEG) {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(limits.jpegQuality());
                    if (param instanceof JPEGImageWriteParam jpeg) {
                        jpeg.setOptimizeHuffmanTables(true);
                    }
                }
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            Files.move(
                    temp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
