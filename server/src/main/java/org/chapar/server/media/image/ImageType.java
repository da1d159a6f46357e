package org.chapar.server.media.image;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The photo types Chapar keeps, told apart by their magic numbers, never by name or claim. */
enum ImageType {
    JPEG("image/jpeg", "jpeg", "jpg"),
    PNG("image/png", "png", "png");

    final String mime;
    final String imageIoFormat;
    final String extension;

    ImageType(String mime, String imageIoFormat, String extension) {
        this.mime = mime;
        this.imageIoFormat = imageIoFormat;
        this.extension = extension;
    }

    /** The type the first bytes of the file show; refuses anything that is not JPEG or PNG. */
    static ImageType sniff(Path file) throws ImageRejected {
        FileType detected;
        try (var in = new BufferedInputStream(Files.newInputStream(file))) {
            detected = FileTypeDetector.detectFileType(in);
        } catch (IOException e) {
            throw new ImageRejected(ImageRejected.Reason.CORRUPT, "the file cannot be read", e);
        }
        return switch (detected) {
            case Jpeg -> JPEG;
            case Png -> PNG;
            case Unknown ->
                    throw new ImageRejected(
                            ImageRejected.Reason.NOT_AN_IMAGE, "the bytes are not an image");
            default -> {
                String mime = detected.getMimeType();
                if (mime != null && mime.startsWith("image/")) {
                    throw new ImageRejected(
                            ImageRejected.Reason.TYPE_NOT_SUPPORTED,
                            "photos must be JPEG or PNG, this is " + detected.getName());
                }
                throw new ImageRejected(
                        ImageRejected.Reason.NOT_AN_IMAGE,
                        "the bytes are not an image but " + detected.getName());
            }
        };
    }
}
