package org.chapar.client.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where unfinished uploads are remembered (a key for the file, the tus upload URL), so that an
 * upload cut by a crash or a kill resumes from the server's offset when run again.
 */
public interface UploadResumeStore {
    Optional<String> find(String key);

    void save(String key, String uploadUrl);

    void remove(String key);

    static UploadResumeStore inMemory() {
        Map<String, String> urls = new ConcurrentHashMap<>();
        return new UploadResumeStore() {
            @Override
            public Optional<String> find(String key) {
                return Optional.ofNullable(urls.get(key));
            }

            @Override
            public void save(String key, String uploadUrl) {
                urls.put(key, uploadUrl);
            }

            @Override
            public void remove(String key) {
                urls.remove(key);
            }
        };
    }

    /** One small file per upload in {@code dir} (created if missing), written atomically. */
    static UploadResumeStore directory(Path dir) {
        return new UploadResumeStore() {
            @Override
            public Optional<String> find(String key) {
                try {
                    return Optional.of(
                            Files.readString(dir.resolve(key), StandardCharsets.UTF_8).strip());
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void save(String key, String uploadUrl) {
                try {
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, "upload", ".tmp");
                    Files.writeString(tmp, uploadUrl, StandardCharsets.UTF_8);
                    Files.move(
                            tmp,
                            dir.resolve(key),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void remove(String key) {
                try {
                    Files.deleteIfExists(dir.resolve(key));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
