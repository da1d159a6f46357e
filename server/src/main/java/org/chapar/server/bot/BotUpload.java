package org.chapar.server.bot;

import java.nio.file.Path;

/**
 * A file part of a multipart Bot API request, spooled to a local file that the request's end
 * deletes unless a media method consumed it.
 */
record BotUpload(Path path, String fileName, String contentType, long size) {}
