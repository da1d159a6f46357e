package org.chapar.server.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

class PhotoProcessorThumbnailsTest {
    @TempDir Path dir;
    private final PhotoProcessor processor = new PhotoProcessor(ImageLimits.defaults());

    @Test
    void aLargeJpegGetsEverySizeWithItsAspectKept() throws Exception {
        Path clean = cleaned("wide.jpg", TestImages.encode(image(2000, 1000, false), "jpeg"));

        List<Thumbnail> thumbnails = processor.thumbnails(clean, dir);

        assertThat(thumbnails)
                .extracting(Thumbnail::size, Thumbnail::width, Thumbnail::height)
                .containsExactly(
                        tuple("y", 1280, 640),
                        tuple("x", 800, 400),
                        tuple("m", 320, 160),
                        tuple("s", 90, 45));
        for (Thumbnail thumbnail : thumbnails) {
            assertThat(thumbnail.path().getFileName().toString())
                    .isEqualTo(thumbnail.size() + ".jpg");
            assertThat(ImageType.sniff(thumbnail.path())).isEqualTo(ImageType.JPEG);
            BufferedImage read = ImageIO.read(thumbnail.path().toFile());
            assertThat(read.getWidth()).isEqualTo(thumbnail.width());
            assertThat(read.getHeight()).isEqualTo(thumbnail.height());
            // The red corner survives scaling: the picture is the photo's, not a blank.
            assertThat(PhotoProcessorCleanTest.colourAt(scaledUp(read), "top-left"))
                    .isEqualTo("red");
        }
    }

    @Test
    void aPngIsNeverUpscaledAndKeepsItsAlpha() throws Exception {
        Path clean = cleaned("tall.png", TestImages.encode(image(250, 500, true), "png"));

        List<Thumbnail> thumbnails = processor.thumbnails(clean, dir);

        assertThat(thumbnails)
                .extracting(Thumbnail::size, Thumbnail::width, Thumbnail::height)
                .containsExactly(tuple("m", 160, 320), tuple("s", 45, 90));
        for (Thumbnail thumbnail : thumbnails) {
            assertThat(thumbnail.path().getFileName().toString())
                    .isEqualTo(thumbnail.size() + ".png");
            BufferedImage read = ImageIO.read(thumbnail.path().toFile());
            assertThat(read.getColorModel().hasAlpha()).isTrue();
            assertThat(read.getRGB(read.getWidth() / 2, read.getHeight() - 2) >>> 24).isZero();
        }
    }

    @Test
    void aTinyPhotoGetsOneSmallThumbnailAtItsOwnSize() throws Exception {
        Path clean = cleaned("tiny.jpg", TestImages.encode(image(60, 40, false), "jpeg"));

        assertThat(processor.thumbnails(clean, dir))
                .extracting(Thumbnail::size, Thumbnail::width, Thumbnail::height)
                .containsExactly(tuple("s", 60, 40));
    }

    private Path cleaned(String name, byte[] bytes) throws Exception {
        Path source = dir.resolve("upload-" + name);
        Files.write(source, bytes);
        Path clean = dir.resolve(name);
        processor.clean(source, clean);
        return clean;
    }

    /** The marked test picture; with alpha, its bottom half is transparent. */
    private static BufferedImage image(int w, int h, boolean alpha) {
        BufferedImage image =
                TestImages.marked(
                        w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int mark = Math.max(w, h) / 5;
        var g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, mark, mark);
        if (alpha) {
            g.setComposite(AlphaComposite.Clear);
            g.fillRect(0, h / 2, w, h - h / 2);
        }
        g.dispose();
        return image;
    }

    /** Blows the image up so the colour probe (which looks 8 px in) lands inside the red mark. */
    private static BufferedImage scaledUp(BufferedImage small) {
        var big =
                new BufferedImage(
                        small.getWidth() * 8, small.getHeight() * 8, BufferedImage.TYPE_INT_RGB);
        var g = big.createGraphics();
        g.drawImage(small, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        return big;
    }
}
