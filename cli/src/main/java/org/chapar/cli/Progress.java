package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.client.media.TransferListener;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a transfer's progress on stderr: a bar redrawn in place on a terminal; otherwise (piped, or
 * with --json) a plain line at each tenth, so logs stay short and scripts can follow.
 */
final class Progress implements TransferListener {
    private static final int WIDTH = 30;

    private final String what;
    private final PrintStream err;
    private final boolean bar;
    private final boolean json;
    private int lastShown = -1;
    private long lastDrawNanos;

    private Progress(String what, PrintStream err, boolean bar, boolean json) {
        this.what = what;
        this.err = err;
        this.bar = bar;
        this.json = json;
    }

    static Progress of(String what, Terminal t, boolean json) {
        return new Progress(what, t.err(), !json && isTerminal(t), json);
    }

    private static boolean isTerminal(Terminal t) {
        Console console = System.console();
        if (t.err() != System.err || console == null) {
            return false;
        }
        // From Java 22 on a Console exists when redirected too; isTerminal tells the truth.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public synchronized void progress(long done, long total) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (bar) {
            long now = System.nanoTime();
            if (percent == lastShown && now - lastDrawNanos < 200_000_000L) {
                return;
            }
            lastDrawNanos = now;
            lastShown = percent;
            int filled = percent * WIDTH / 100;
            err.print(
                    "\r"
                            + what
                            + " ["
                            + "#".repeat(filled)
                            + " ".repeat(WIDTH - filled)
                            + "] "
                            + percent
                            + "% "
                            + size(done)
                            + " / "
                            + size(total)
                            + "   ");
            err.flush();
            return;
        }
        int tenth = percent / 10;
        if (tenth == lastShown) {
            return;
        }
        lastShown = tenth;
        if (json) {
            ObjectNode n = JsonView.object();
            n.putObject("progress").put("transfer", what).put("done", done).put("total", total);
            err.println(JsonView.line(n));
        } else {
            err.println(what + " " + done + "/" + total + " bytes (" + percent + "%)");
        }
    }

    /** Ends the bar's line so what follows starts on a line of its own. */
    void finish() {
        if (bar && lastShown >= 0) {
            err.println();
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
