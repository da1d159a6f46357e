package org.chapar.server.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.jpeg.JpegCommentDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.xmp.XmpDirectory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

class PhotoProcessorCleanTest {
    private static final int W = 128;
    private static final int H = 64;

    @TempDir Path dir;
    private final PhotoProcessor processor = new PhotoProcessor(ImageLimits.defaults());

    @Test
    void aPhonePhotoLosesGpsOwnerSerialXmpIptcAndComment() throws Exception {
        Path source = dir.resolve("phone.jpg");
        Files.write(
                source,
                TestImages.jpegWithEverything(
                        TestImages.marked(W, H, BufferedImage.TYPE_INT_RGB), 1));
        // The fixture really carries what a phone writes, read back by a metadata reader.
        Metadata before = ImageMetadataReader.readMetadata(source.toFile());
        assertThat(
                        before.getFirstDirectoryOfType(GpsDirectory.class)
                                .getGeoLocation()
                                .getLatitude())
                .isCloseTo(TestImages.LATITUDE, offset(1e-4));
        assertThat(before.getFirstDirectoryOfType(XmpDirectory.class)).isNotNull();
        assertThat(before.getFirstDirectoryOfType(IptcDirectory.class)).isNotNull();
        assertThat(before.getFirstDirectoryOfType(JpegCommentDirectory.class)).isNotNull();
        assertThat(Files.readAllBytes(source))
                .satisfies(b -> assertThat(contains(b, TestImages.SERIAL)).isTrue());

        Path target = dir.resolve("clean.jpg");
        CleanPhoto clean = processor.clean(source, target);

        assertThat(clean).isEqualTo(new CleanPhoto(W, H, "image/jpeg"));
        assertThat(metadataKinds(target))
                .containsOnly("JPEG", "JFIF", "Huffman", "File Type", "File");
        assertNoIdentifyingBytes(Files.readAllBytes(target));
        assertThat(ImageIO.read(target.toFile()).getWidth()).isEqualTo(W);
    }

    @Test
    void aPngLosesItsExifAndTextChunksAndKeepsItsAlpha() throws Exception {
        BufferedImage image = TestImages.marked(W, H, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(W / 2, H / 2, 0x00000000);
        Path source = dir.resolve("shot.png");
        Files.write(source, TestImages.pngWithEverything(image, 1));
        assertThat(contains(Files.readAllBytes(source), TestImages.OWNER)).isTrue();

        Path target = dir.resolve("clean.png");
        CleanPhoto clean = processor.clean(source, target);

        assertThat(clean).isEqualTo(new CleanPhoto(W, H, "image/png"));
        assertNoIdentifyingBytes(Files.readAllBytes(target));
        Metadata after = ImageMetadataReader.readMetadata(target.toFile());
        assertThat(after.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        for (PngDirectory png : after.getDirectoriesOfType(PngDirectory.class)) {
            assertThat(png.getName()).isIn("PNG-IHDR");
        }
        BufferedImage read = ImageIO.read(target.toFile());
        assertThat(read.getColorModel().hasAlpha()).isTrue();
        assertThat(read.getRGB(W / 2, H / 2) >>> 24).isZero();
        assertThat(read.getRGB(2, 2)).isEqualTo(0xFFFF0000);
    }

    /**
     * Each EXIF orientation, by its definition in the EXIF 2.32 spec (tag 274): where the stored
     * top-left (red) and top-right (blue) corners must be seen once the photo is shown upright.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, false, top-left, top-right",
        "2, false, top-right, top-left",
        "3, false, bottom-right, bottom-left",
        "4, false, bottom-left, bottom-right",
        "5, true, top-left, bottom-left",
        "6, true, top-right, bottom-right",
        "7, true, bottom-right, top-right",
        "8, true, bottom-left, top-left"
    })
    void theOrientationIsAppliedToThePixels(
            int orientation, boolean turned, String red, String blue) throws Exception {
        Path source = dir.resolve("o" + orientation + ".jpg");
        Files.write(
                source,
                TestImages.jpegWithEverything(
                        TestImages.marked(W, H, BufferedImage.TYPE_INT_RGB), orientation));
        Path target = dir.resolve("o" + orientation + "-clean.jpg");

        CleanPhoto clean = processor.clean(source, target);

        int width = turned ? H : W;
        int height = turned ? W : H;
        assertThat(clean).isEqualTo(new CleanPhoto(width, height, "image/jpeg"));
        BufferedImage shown = ImageIO.read(target.toFile());
        assertThat(colourAt(shown, red)).isEqualTo("red");
        assertThat(colourAt(shown, blue)).isEqualTo("blue");
        assertThat(
                        ImageMetadataReader.readMetadata(target.toFile())
                                .getFirstDirectoryOfType(ExifIFD0Directory.class))
                .isNull();
    }

    @Test
    void aPngWithAnExifOrientationIsTurnedToo() throws Exception {
        Path source = dir.resolve("turned.png");
        Files.write(
                source,
                TestImages.pngWithEverything(
                        TestImages.marked(W, H, BufferedImage.TYPE_INT_RGB), 6));

        CleanPhoto clean = processor.clean(source, dir.resolve("turned-clean.png"));

        assertThat(clean).isEqualTo(new CleanPhoto(H, W, "image/png"));
        BufferedImage shown = ImageIO.read(dir.resolve("turned-clean.png").toFile());
        assertThat(colourAt(shown, "top-right")).isEqualTo("red");
        assertThat(colourAt(shown, "bottom-right")).isEqualTo("blue");
    }

    static void assertNoIdentifyingBytes(byte[] bytes) {
        for (String secret :
                List.of(
                        TestImages.OWNER,
                        TestImages.SERIAL,
                        TestImages.BYLINE,
                        TestImages.XMP_CREATOR,
                        TestImages.COMMENT,
                        "Exif\0\0",
                        "eXIf",
                        "tEXt",
                        "http://ns.adobe.com/xap",
                        "Photoshop 3.0")) {
            assertThat(contains(bytes, secret)).as("the clean file contains %s", secret).isFalse();
        }
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static List<String> metadataKinds(Path file) throws Exception {
        List<String> kinds = new ArrayList<>();
        for (Directory directory :
                ImageMetadataReader.readMetadata(file.toFile()).getDirectories()) {
            kinds.add(directory.getName());
        }
        return kinds;
    }

    /** The colour at the centre of the marker square in one corner of the shown image. */
    static String colourAt(BufferedImage image, String corner) {
        int inset = TestImages.MARK / 2;
        int x = corner.endsWith("left") ? inset : image.getWidth() - 1 - inset;
        int y = corner.startsWith("top") ? inset : image.getHeight() - 1 - inset;
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (r > 200 && g < 60 && b < 60) {
            return "red";
        }
        if (b > 200 && r < 60 && g < 60) {
            return "blue";
        }
        return String.format("#%06x", rgb & 0xFFFFFF);
    }
}
