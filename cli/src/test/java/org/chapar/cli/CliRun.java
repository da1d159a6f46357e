package org.chapar.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the chapar command in-process, with CHAPAR_HOME at a test's directory. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Path home, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                Main.run(
                        home,
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        args);
        return new CliRun(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Registers {@code name} (password {@code "password-" + name}) as {@code profile} on the server
     * at {@code port}, and expects it to succeed.
     */
    static CliRun register(Path home, int port, String profile, String name) {
        CliRun r =
                run(
                        home,
                        "password-" + name + "\n",
                        "--profile",
                        profile,
                        "register",
                        name,
                        "--server",
                        "http://127.0.0.1:" + port,
                        "--password-stdin");
        if (r.exit() != 0) {
            throw new AssertionError("register " + name + " failed: " + r.err());
        }
        return r;
    }

    /** Standard output as JSON lines. */
    List<JsonNode> json() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                try {
                    nodes.add(JsonView.MAPPER.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return nodes;
    }

    JsonNode first() {
        return json().get(0);
    }
}
