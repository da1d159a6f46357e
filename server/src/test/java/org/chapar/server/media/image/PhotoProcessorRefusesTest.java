package org.chapar.server.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

class PhotoProcessorRefusesTest {
    @TempDir Path dir;
    private final PhotoProcessor processor = new PhotoProcessor(ImageLimits.defaults());

    @Test
    void aPngDeclaringTenBillionPixelsIsRefusedBeforeDecoding() throws Exception {
        // 100000 x 100000 RGBA would be 40 GB: refused on the header, no OutOfMemoryError.
        assertRefused(
                TestImages.pngDeclaring(100_000, 100_000), ImageRejected.Reason.TOO_MANY_PIXELS);
    }

    @Test
    void aJpegDeclaringFourBillionPixelsIsRefusedBeforeDecoding() throws Exception {
        assertRefused(
                TestImages.jpegDeclaring(65_000, 65_000), ImageRejected.Reason.TOO_MANY_PIXELS);
    }

    @Test
    void sidesWithinLimitButTooManyPixelsAreRefused() throws Exception {
        var limits = new ImageLimits(1_000_000, 12_000, 0.9f);
        Path source = write("square.png", TestImages.pngDeclaring(1001, 1000));

        assertThatThrownBy(() -> new PhotoProcessor(limits).clean(source, dir.resolve("out")))
                .isInstanceOfSatisfying(
                        ImageRejected.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(ImageRejected.Reason.TOO_MANY_PIXELS));
    }

    @Test
    void aLongSideOverTheLimitIsRefused() throws Exception {
        assertRefused(TestImages.pngDeclaring(20_000, 10), ImageRejected.Reason.TOO_MANY_PIXELS);
    }

    @Test
    void aTextFileNamedJpgIsNotAnImage() throws Exception {
        assertRefused(
                "hello, this is not a photo\n".getBytes(StandardCharsets.UTF_8),
                ImageRejected.Reason.NOT_AN_IMAGE);
    }

    @Test
    void aPdfNamedJpgIsNotAnImage() throws Exception {
        assertRefused(
                "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.US_ASCII),
                ImageRejected.Reason.NOT_AN_IMAGE);
    }

    @Test
    void aGifIsAnImageButNotATypeForPhotos() throws Exception {
        byte[] gif =
                TestImages.encode(TestImages.marked(32, 32, BufferedImage.TYPE_INT_RGB), "gif");
        assertRefused(gif, ImageRejected.Reason.TYPE_NOT_SUPPORTED);
    }

    @Test
    void aTruncatedPngIsCorrupt() throws Exception {
        byte[] png =
                TestImages.encode(TestImages.marked(64, 64, BufferedImage.TYPE_INT_RGB), "png");
        assertRefused(Arrays.copyOf(png, 45), ImageRejected.Reason.CORRUPT);
    }

    @Test
    void aPngClaimedAsJpegIsHandledAsThePngItIs() throws Exception {
        BufferedImage image = TestImages.marked(40, 30, BufferedImage.TYPE_INT_ARGB);
        Path source = write("really-a-png.jpg", TestImages.encode(image, "png"));
        Path target = dir.resolve("clean.jpg");

        CleanPhoto clean = processor.clean(source, target);

        assertThat(clean).isEqualTo(new CleanPhoto(40, 30, "image/png"));
        assertThat(ImageType.sniff(target)).isEqualTo(ImageType.PNG);
    }

    @Test
    void nothingIsLeftBehindWhenAPhotoIsRefused() throws Exception {
        Path source = write("bomb.png", TestImages.pngDeclaring(100_000, 100_000));

        assertThatThrownBy(() -> processor.clean(source, dir.resolve("out.png")))
                .isInstanceOf(ImageRejected.class);

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(source);
        }
    }

    private void assertRefused(byte[] bytes, ImageRejected.Reason reason) throws Exception {
        Path source = write("upload.jpg", bytes);
        assertThatThrownBy(() -> processor.clean(source, dir.resolve("clean.jpg")))
                .isInstanceOfSatisfying(
                        ImageRejected.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(reason);
                            assertThat(e.getMessage()).isNotBlank();
                        });
        assertThat(dir.resolve("clean.jpg")).doesNotExist();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path path = dir.resolve(name);
        Files.write(path, bytes);
        return path;
    }
}
