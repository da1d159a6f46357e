package org.chapar.client.media;

/**
 * A finished upload: {@code uploadId} goes into {@code InputMedia.upload_id}. {@code resumeKey}
 * names its record in the {@link UploadResumeStore}; {@link MediaFiles#forget} it once the message
 * is sent (until then, running the same upload again finds it finished and sends no byte).
 */
public record UploadedFile(String uploadId, long size, String resumeKey) {}
