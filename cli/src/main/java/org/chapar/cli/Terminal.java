package org.chapar.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where a command reads and writes: its streams and CHAPAR_HOME. */
record Terminal(Path home, InputStream in, PrintStream out, PrintStream err) {

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
