/**
 * Media transfers over the server's HTTP port (protocol README "Media"): tus 1.0 uploads that
 * resume from the server's offset after a cut, and downloads by byte range that resume from the
 * bytes already on disk. Frames (sending a media message) stay on {@link
 * org.chapar.client.ChaparClient}.
 */
package org.chapar.client.media;
