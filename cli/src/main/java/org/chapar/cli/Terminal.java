package org.chapar.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a command reads and writes: its streams and CHAPAR_HOME. Human output goes through {@link
 * #show} and {@link #warn}, which make text from the server safe to print ({@link SafeText}).
 */
record Terminal(Path home, InputStream in, PrintStream out, PrintStream err) {

    /** A line of human output on stdout. */
    void show(String line) {
        out.println(SafeText.of(line));
    }

    /** A line of human output on stderr: progress, warnings, errors. */
    void warn(String line) {
        err.println(SafeText.of(line));
    }

    static Path defaultHome() {
        String env = System.getenv("CHAPAR_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".chapar");
    }

    /** The first line of stdin, without its line break. */
    String readLine() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null ? "" : line;
    }
}
