package org.chapar.cli;

import org.chapar.client.SyncStateStore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One identity of the CLI: {@code HOME/profiles/NAME/} holds {@code profile.properties} (the server
 * address) and {@code sync.properties} (the SDK's token, user id, pts and device cookies). The
 * directory is 700 and the files 600: the token and the cookies are secrets.
 */
final class Profile {

    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final String name;
    private final Path dir;

    private Profile(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    static Profile open(Path home, String name) {
        if (!NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("invalid profile name: " + name);
        }
        return new Profile(name, home.resolve("profiles").resolve(name));
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    Path syncFile() {
        return dir.resolve("sync.properties");
    }

    SyncStateStore store() {
        ensureDir();
        return SyncStateStore.file(syncFile());
    }

    /** The server this profile talks to, as the user gave it (http://host:port). */
    Optional<String> server() {
        return property("server");
    }

    /** The pin of the server's certificate the user gave with --pin ({@code sha256/...}). */
    Optional<String> pin() {
        return property("pin");
    }

    private Optional<String> property(String key) {
        Path file = dir.resolve("profile.properties");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.ofNullable(p.getProperty(key)).filter(s -> !s.isBlank());
    }

    void saveServer(String server, Optional<String> pin) {
        ensureDir();
        Properties p = new Properties();
        p.setProperty("server", server);
        pin.ifPresent(v -> p.setProperty("pin", v));
        Path file = dir.resolve("profile.properties");
        try {
            Path tmp = Files.createTempFile(dir, "profile", ".tmp");
            restrict(tmp, "rw-------");
            try (OutputStream os = Files.newOutputStream(tmp)) {
                p.store(os, "chapar profile " + name);
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The device cookie that profiles written before the SDK kept cookies hold in {@code
     * device.cookie} (their last Register or Login's; "" if none). Read until the next Register or
     * Login, whose answer's cookie the SDK keeps in {@code sync.properties}.
     */
    String legacyDeviceCookie() {
        Path file = legacyCookieFile();
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void forgetLegacyDeviceCookie() {
        try {
            Files.deleteIfExists(legacyCookieFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path legacyCookieFile() {
        return dir.resolve("device.cookie");
    }

    /**
     * Forgets the session, the update state and the device cookies (when the profile moves to
     * another server, where none of them mean anything).
     */
    void forgetSession() {
        try {
            Files.deleteIfExists(syncFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureDir() {
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void restrict(Path p, String perms) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        }
    }

    /**
     * The WebSocket endpoint for a server address: http://h:p becomes ws://h:p/ws, https wss; ws://
     * and wss:// are kept (with /ws added when there is no path); a bare host:port is http.
     */
    static URI websocketUri(String server) {
        String s = server.trim();
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI u = URI.create(s);
        String scheme =
                switch (u.getScheme().toLowerCase()) {
                    case "http", "ws" -> "ws";
                    case "https", "wss" -> "wss";
                    default ->
                            throw new IllegalArgumentException(
                                    "unsupported server address: " + server);
                };
        if (u.getHost() == null) {
            throw new IllegalArgumentException("no host in server address: " + server);
        }
        String path =
                u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/")
                        ? "/ws"
                        : u.getRawPath();
        String authority = u.getRawAuthority();
        return URI.create(scheme + "://" + authority + path);
    }
}
