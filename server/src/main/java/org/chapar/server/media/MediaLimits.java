package org.chapar.server.media;

import java.time.Duration;

/**
 * What an operator can set for media (docs/operations.md).
 *
 * @param maxUploadBytes the largest upload ({@code Tus-Max-Size})
 * @param stall an unfinished upload that receives nothing this long expires; a finished upload's
 *     record is kept this long
 * @param uploadsInFlight upload requests (PATCH, POST with a body) one account may have running at
 *     once, per server node
 * @param openUploads unfinished uploads one account may have
 * @param signedUrlTtl how long a signed download URL is valid
 * @param sweepInterval how often expired uploads and unused blobs are reclaimed
 */
public record MediaLimits(
        long maxUploadBytes,
        Duration stall,
        int uploadsInFlight,
        int openUploads,
        Duration signedUrlTtl,
        Duration sweepInterval) {

    public static MediaLimits defaults() {
        return new MediaLimits(
                2L << 30, Duration.ofHours(24), 4, 32, Duration.ofHours(1), Duration.ofMinutes(1));
    }

    public MediaLimits withMaxUploadBytes(long bytes) {
        return new MediaLimits(
                bytes, stall, uploadsInFlight, openUploads, signedUrlTtl, sweepInterval);
    }

    public MediaLimits withStall(Duration d) {
        return new MediaLimits(
                maxUploadBytes, d, uploadsInFlight, openUploads, signedUrlTtl, sweepInterval);
    }

    public MediaLimits withUploadsInFlight(int n) {
        return new MediaLimits(maxUploadBytes, stall, n, openUploads, signedUrlTtl, sweepInterval);
    }

    public MediaLimits withOpenUploads(int n) {
        return new MediaLimits(
                maxUploadBytes, stall, uploadsInFlight, n, signedUrlTtl, sweepInterval);
    }

    public MediaLimits withSweepInterval(Duration d) {
        return new MediaLimits(
                maxUploadBytes, stall, uploadsInFlight, openUploads, signedUrlTtl, d);
    }
}
