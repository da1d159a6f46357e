package org.chapar.cli;

import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** Entry point of the {@code chapar} command. */
public final class Main {

    /**
     * The JDK HTTP client's buffer size (16 KiB by default): each buffer read from the socket is
     * handed between its threads, so a file's download costs a third more CPU with the default
     * (docs/benchmarks.md, issue 16). Set before the client's classes load; a user's own setting
     * wins.
     */
    private static final String HTTP_BUFFER = "jdk.httpclient.bufsize";

    private Main() {}

    public static void main(String[] args) {
        if (!"server".equals(ChaparCommand.commandName(args))) {
            if (System.getProperty(HTTP_BUFFER) == null) {
                System.setProperty(HTTP_BUFFER, Integer.toString(256 * 1024));
            }
            Warmup.start();
        }
        System.exit(run(null, System.in, System.out, System.err, args));
    }

    /**
     * Runs one command in this process and returns its exit code (0 ok, 1 failed, 2 usage). {@code
     * home} stands in for CHAPAR_HOME; null reads the environment (default ~/.chapar).
     */
    public static int run(
            Path home, InputStream in, PrintStream out, PrintStream err, String... args) {
        Terminal terminal =
                new Terminal(home != null ? home : Terminal.defaultHome(), in, out, err);
        CommandLine cmd = new CommandLine(new ChaparCommand(terminal));
        // before the settings below: picocli copies them into the subcommands it has by then
        ChaparCommand.addSubcommands(cmd, args);
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        cmd.setExecutionExceptionHandler(
                (e, line, parsed) -> {
                    ChaparCommand root = (ChaparCommand) line.getCommandSpec().root().userObject();
                    return Failures.report(e, root.json, terminal);
                });
        cmd.setParameterExceptionHandler(
                (e, args1) -> {
                    terminal.warn("error: " + e.getMessage());
                    e.getCommandLine().usage(err);
                    return 2;
                });
        return cmd.execute(args);
    }
}
