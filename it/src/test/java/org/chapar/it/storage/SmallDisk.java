package org.chapar.it.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small tmpfs mounted for one test, so that a test can fill a real disk. Needs root (mount);
 * without it the test fails with the reason, it is never skipped. Unmounted on close.
 */
final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax: 16m) at {@code dir}, created if missing. */
    static SmallDisk mount(Path dir, String size) throws IOException, InterruptedException {
        String uid = run("id", "-u").trim();
        if (!uid.equals("0")) {
            throw new AssertionError(
                    "this test mounts a tmpfs to fill a real disk and needs root (uid 0), but runs"
                            + " as uid "
                            + uid
                            + "; run it as root (or in a container where mount works)");
        }
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        return new SmallDisk(dir);
    }

    Path dir() {
        return dir;
    }

    /** Writes a file that takes every free byte of the disk; deleting it frees the space again. */
    Path fill() throws IOException {
        Path filler = dir.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int chunk : new int[] {1 << 16, 1 << 12, 1}) {
                byte[] bytes = new byte[chunk];
                try {
                    while (true) {
                        out.write(bytes);
                    }
                } catch (IOException full) {
                    // no room for another chunk of this size: try a smaller one
                }
            }
        } catch (IOException closingFull) {
            // the last partial chunk could not be flushed: the disk is full, as wanted
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", dir.toString());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited " + exit + ": " + out);
        }
        return out;
    }
}
