package org.chapar.bench.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVM running the benchmark, and jcmd against a server JVM. */
public final class Jvm {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private Jvm() {}

    /** The java launcher of this JVM, used to start the server with the same JDK. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public static String javaVersion() {
        return Runtime.version().toString() + " (" + System.getProperty("java.vm.name") + ")";
    }

    /** Runs a full GC in the target JVM and returns the heap in use after it. */
    public static OptionalLong heapUsedAfterGc(long pid) {
        try {
            jcmd(pid, "GC.run");
            Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
            return m.find()
                    ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024)
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The heap in use in the target JVM now, garbage included (no GC is forced). */
    public static OptionalLong heapUsed(long pid) {
        try {
            Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
            return m.find()
                    ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024)
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static String jcmd(long pid, String command) throws IOException {
        Path jcmd = Path.of(java()).resolveSibling("jcmd");
        Process p =
                new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                        .redirectErrorStream(true)
                        .start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new IOException("jcmd " + command + ": " + out);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
