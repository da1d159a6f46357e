package org.chapar.server.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The web client (web/, docs/adr/0014-web-client.md) at {@code /}, when its jar is on the class
 * path: the files under {@code chapar-web/} (listed in {@code chapar-web/files.txt} by its build)
 * are copied once to a temporary directory and served by {@link StaticFiles}, so they get its
 * ETags, pre-compressed variants and file regions. Every answer carries a strict
 * Content-Security-Policy: scripts, styles, fonts, images, media and connections from this origin
 * only (signed file URLs are same-origin paths), no inline script, no framing. The microphone is
 * allowed to this origin alone, for recording voice notes; camera and location to nobody.
 */
public final class WebClient {
    private static final Logger log = LoggerFactory.getLogger(WebClient.class);
    private static final String BASE = "chapar-web/";

    /** The headers of every web client answer (also checked by the browser tests). */
    static final Map<String, String> HEADERS =
            Map.of(
                    "Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                            + " font-src 'self'; connect-src 'self'; worker-src 'self';"
                            + " manifest-src 'self'; object-src 'none'; base-uri 'none';"
                            + " form-action 'self'; frame-ancestors 'none'",
                    "Referrer-Policy",
                    "no-referrer",
                    "X-Frame-Options",
                    "DENY",
                    "Cross-Origin-Opener-Policy",
                    "same-origin",
                    "Permissions-Policy",
                    "camera=(), microphone=(self), geolocation=()");

    private WebClient() {}

    /** Whether the web client is on the class path (then {@link Pages} leaves {@code /} to it). */
    public static boolean packed() {
        return !list().isEmpty();
    }

    /** Registers the web client's routes; false (and nothing registered) if it is not packed. */
    public static boolean register(HttpRoutes routes) {
        List<String> files = list();
        if (files.isEmpty()) {
            return false;
        }
        Path root = extract(files);
        routes.files("/", new StaticFiles(root, "no-cache", HEADERS));
        // hashed names: a changed file gets a new name, so the old one may be kept for ever
        routes.files(
                "/assets/",
                new StaticFiles(
                        root.resolve("assets"), "public, max-age=31536000, immutable", HEADERS));
        log.info("web client at / ({} files)", files.size());
        return true;
    }

    private static List<String> list() {
        try (InputStream in = resource("files.txt")) {
            if (in == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.contains("..") && !name.startsWith("/")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path extract(List<String> files) {
        try {
            Path root = Files.createTempDirectory("chapar-web");
            for (String name : files) {
                Path target = root.resolve(name).normalize();
                Files.createDirectories(target.getParent());
                try (InputStream in = resource(name)) {
                    if (in == null) {
                        throw new IOException("web client file missing from the jar: " + name);
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the web client", e);
        }
    }

    private static InputStream resource(String name) {
        return WebClient.class.getClassLoader().getResourceAsStream(BASE + name);
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it up if this fails
        }
    }
}
