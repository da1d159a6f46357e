package org.chapar.server.media.image;

/** A photo re-encoded without metadata, the right way up: its displayed size and MIME type. */
public record CleanPhoto(int width, int height, String mime) {}
