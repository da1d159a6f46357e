package org.chapar.server.media.image;

import java.nio.file.Path;

/**
 * One preview of a clean photo, in the same format (MIME type) as the photo it was made from.
 *
 * @param size the size letter: "s", "m", "x" or "y" (see {@link PhotoProcessor#thumbnails})
 */
public record Thumbnail(String size, int width, int height, Path path) {}
