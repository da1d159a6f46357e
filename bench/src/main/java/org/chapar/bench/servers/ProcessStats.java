package org.chapar.bench.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and CPU time of a process, read from /proc (Linux). */
public final class ProcessStats {
    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessStats() {}

    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read RSS of process " + pid, e);
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** User plus system CPU time the process has used so far. */
    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may contain spaces; fields after it are plain.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CPU time of process " + pid, e);
        }
    }

    /**
     * User plus system CPU time so far of every process whose command line contains {@code needle}:
     * PostgreSQL names each backend after its database ({@code postgres: 15/main: user DB
     * 127.0.0.1(port) idle}). A process that ends between two readings takes its time with it,
     * which a connection pool's long-lived backends do not.
     */
    public static long cpuNanosOfCommands(String needle) {
        long sum = 0;
        String[] pids = Path.of("/proc").toFile().list();
        for (String pid : pids == null ? new String[0] : pids) {
            if (!pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            try {
                String cmdline = Files.readString(Path.of("/proc", pid, "cmdline"));
                if (cmdline.contains(needle)) {
                    sum += cpuNanos(Long.parseLong(pid));
                }
            } catch (IOException | IllegalStateException e) {
                // the process ended, or is not ours to read
            }
        }
        return sum;
    }

    /** Open file descriptors of the process. */
    public static int openFiles(long pid) {
        String[] fds = Path.of("/proc", Long.toString(pid), "fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }
}
