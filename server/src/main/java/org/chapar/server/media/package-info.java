/**
 * Media: files uploaded over tus, stored once per content in a {@link
 * org.chapar.server.media.BlobStore}, attached to messages, served by range to those who may see
 * them, and purged with the last message that uses them. The nodes of a cluster share one media
 * directory (docs/adr/0020).
 */
package org.chapar.server.media;
