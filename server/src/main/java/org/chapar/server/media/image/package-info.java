/**
 * Photo processing: sniffs the real type of an uploaded image, refuses bombs before any pixel is
 * allocated, applies the EXIF orientation and re-encodes so that no metadata survives, then makes
 * the thumbnails. Decoding is javax.imageio's; metadata is read with metadata-extractor.
 */
package org.chapar.server.media.image;
