package org.chapar.client;

import com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The state as a small properties file (one {@code channel.CHAT} per followed chat, one {@code
 * device_cookie.USERNAME} per account, the author key in base64). A save writes a temp file in the
 * same directory, forces it to disk and renames it over the old one, so a crash leaves either the
 * old or the new state.
 */
final class FileSyncStateStore implements SyncStateStore {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private static final String CHANNEL = "channel.";
    private static final String COOKIE = "device_cookie.";

    private final Path path;

    FileSyncStateStore(Path path) {
        this.path = path.toAbsolutePath();
    }

    @Override
    public synchronized SyncState load() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return SyncState.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        String token = p.getProperty("token", "");
        Map<Long, Long> channels = new HashMap<>();
        Map<String, String> cookies = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(CHANNEL)) {
                channels.put(
                        Long.parseLong(key.substring(CHANNEL.length())),
                        Long.parseLong(p.getProperty(key)));
            } else if (key.startsWith(COOKIE)) {
                cookies.put(key.substring(COOKIE.length()), p.getProperty(key));
            }
        }
        return new SyncState(
                Long.parseLong(p.getProperty("pts", String.valueOf(SyncState.NO_PTS))),
                token.isEmpty() ? null : token,
                Long.parseLong(p.getProperty("user_id", "0")),
                channels,
                cookies,
                ByteString.copyFrom(Base64.getDecoder().decode(p.getProperty("author_key", ""))));
    }

    @Override
    public synchronized void save(SyncState state) {
        Properties p = new Properties();
        p.setProperty("pts", Long.toString(state.pts()));
        p.setProperty("token", state.token() == null ? "" : state.token());
        p.setProperty("user_id", Long.toString(state.userId()));
        if (!state.authorKey().isEmpty()) {
            p.setProperty(
                    "author_key",
                    Base64.getEncoder().encodeToString(state.authorKey().toByteArray()));
        }
        state.channelPts()
                .forEach((chat, pts) -> p.setProperty(CHANNEL + chat, Long.toString(pts)));
        state.deviceCookies().forEach((account, cookie) -> p.setProperty(COOKIE + account, cookie));
        try {
            Path dir = path.getParent();
            Files.createDirectories(dir);
            FileAttribute<?>[] attrs =
                    POSIX
                            ? new FileAttribute<?>[] {
                                PosixFilePermissions.asFileAttribute(
                                        PosixFilePermissions.fromString("rw-------"))
                            }
                            : new FileAttribute<?>[0];
            Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp", attrs);
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                        OutputStream os = Channels.newOutputStream(ch)) {
                    p.store(os, "chapar client sync state");
                    ch.force(true);
                }
                Files.move(
                        tmp,
                        path,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
