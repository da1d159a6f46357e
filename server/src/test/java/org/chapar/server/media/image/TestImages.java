package org.chapar.server.media.image;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcRecord;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcTypes;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.PhotoshopApp13Data;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossy;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/**
 * Real images made in the test: drawn with Java2D, encoded by javax.imageio, and given metadata by
 * Apache Commons Imaging (EXIF, XMP, IPTC) or by adding PNG chunks and JPEG segments by the spec.
 */
final class TestImages {
    static final String OWNER = "Alice Owner-7731";
    static final String SERIAL = "SN-4242-CAM";
    static final String BYLINE = "Alice Byline-5512";
    static final String XMP_CREATOR = "Alice Xmp-9043";
    static final String COMMENT = "taken at Alice's home 3391";
    static final double LATITUDE = 35.6892;
    static final double LONGITUDE = 51.3890;
    static final int MARK = 16;

    private TestImages() {}

    /**
     * A w x h picture on grey with a red square at the stored top-left corner and a blue one at the
     * stored top-right corner, so that any turn or mirror shows where the corners went.
     */
    static BufferedImage marked(int w, int h, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, MARK, MARK);
        g.setColor(Color.BLUE);
        g.fillRect(w - MARK, 0, MARK, MARK);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        var out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no writer for " + format);
        }
        return out.toByteArray();
    }

    /** The identifying EXIF of a phone photo: GPS, owner, serial; plus the orientation tag. */
    static TiffOutputSet identifyingExif(int orientation) throws ImagingException {
        var set = new TiffOutputSet(ByteOrder.BIG_ENDIAN);
        var root = set.getOrCreateRootDirectory();
        root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
        root.add(TiffTagConstants.TIFF_TAG_ARTIST, OWNER);
        var exif = set.getOrCreateExifDirectory();
        exif.add(ExifTagConstants.EXIF_TAG_CAMERA_OWNER_NAME, OWNER);
        exif.add(ExifTagConstants.EXIF_TAG_BODY_SERIAL_NUMBER, SERIAL);
        set.setGpsInDegrees(LONGITUDE, LATITUDE);
        return set;
    }

    /** A real JPEG carrying EXIF (GPS, owner, serial, orientation), XMP, IPTC and a comment. */
    static byte[] jpegWithEverything(BufferedImage image, int orientation) throws IOException {
        byte[] jpeg = encode(image, "jpeg");
        var withExif = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(jpeg, withExif, identifyingExif(orientation));
        var withXmp = new ByteArrayOutputStream();
        new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp, xmp());
        var withIptc = new ByteArrayOutputStream();
        var iptc =
                new PhotoshopApp13Data(
                        List.of(new IptcRecord(IptcTypes.BYLINE, BYLINE)), List.of());
        new JpegIptcRewriter().writeIptc(withXmp.toByteArray(), withIptc, iptc);
        return withComment(withIptc.toByteArray(), COMMENT);
    }

    static String xmp() {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
                + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description"
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator><rdf:Seq><rdf:li>"
                + XMP_CREATOR
                + "</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>";
    }

    /** Inserts a COM segment right after SOI (JPEG spec, ITU T.81 B.2.4.5). */
    static byte[] withComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.ISO_8859_1);
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xFE);
        int length = text.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(text, 0, text.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A PNG with an eXIf chunk (identifying EXIF and the orientation) and a tEXt chunk. */
    static byte[] pngWithEverything(BufferedImage image, int orientation) throws IOException {
        byte[] png = encode(image, "png");
        var tiff = new ByteArrayOutputStream();
        new TiffImageWriterLossy(ByteOrder.BIG_ENDIAN).write(tiff, identifyingExif(orientation));
        byte[] text = ("Author\0" + OWNER).getBytes(StandardCharsets.ISO_8859_1);
        // After the signature (8) and IHDR (4 length + 4 type + 13 data + 4 CRC).
        int afterIhdr = 8 + 25;
        var out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.write(chunk("eXIf", tiff.toByteArray()));
        out.write(chunk("tEXt", text));
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** A PNG whose header declares width x height pixels, with a token of image data. */
    static byte[] pngDeclaring(int width, int height) throws IOException {
        var ihdr = new ByteArrayOutputStream();
        var data = new DataOutputStream(ihdr);
        data.writeInt(width);
        data.writeInt(height);
        data.write(new byte[] {8, 6, 0, 0, 0}); // 8-bit RGBA, deflate, no filter, no interlace
        var out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.write(chunk("IHDR", ihdr.toByteArray()));
        out.write(
                chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.write(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A real JPEG whose SOF0 header is changed to declare width x height (each up to 65535). */
    static byte[] jpegDeclaring(int width, int height) throws IOException {
        byte[] jpeg = encode(marked(64, 64, BufferedImage.TYPE_INT_RGB), "jpeg");
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 in the JPEG");
    }

    static byte[] chunk(String type, byte[] data) throws IOException {
        var out = new ByteArrayOutputStream();
        var stream = new DataOutputStream(out);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        stream.writeInt(data.length);
        stream.write(typeBytes);
        stream.write(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        stream.writeInt((int) crc.getValue());
        return out.toByteArray();
    }
}
