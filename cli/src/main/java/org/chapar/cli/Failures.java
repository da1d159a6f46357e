package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.client.ChaparException;
import org.chapar.client.media.MediaHttpException;
import org.chapar.server.store.DataDirException;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns a command's failure into "error: CODE: message" (or a JSON error) and an exit code. */
final class Failures {

    private Failures() {}

    static int report(Throwable e, boolean json, Terminal t) {
        Throwable cause = unwrap(e);
        String code;
        String message;
        int exit = 1;
        if (cause instanceof ChaparException ce) {
            code = ce.getCode().name();
            message = ce.getMessage();
        } else if (cause instanceof CliFailure cf) {
            code = cf.code;
            message = cf.getMessage();
            exit = cf.exit;
        } else if (cause instanceof MediaHttpException me) {
            code = me.code();
            message = me.getMessage();
        } else if (cause instanceof UncheckedIOException io) {
            // a transfer that could not finish: running the command again resumes it
            code = "TRANSFER_FAILED";
            message =
                    String.valueOf(
                                    io.getCause() != null
                                            ? io.getCause().getMessage()
                                            : io.getMessage())
                            + " (run the command again to resume)";
        } else if (cause instanceof DataDirException dd) {
            code = "DATA_DIR";
            message = dd.getMessage();
        } else if (cause instanceof TimeoutException) {
            code = "UNAVAILABLE";
            message = "no answer from the server in time";
        } else if (cause instanceof IllegalArgumentException) {
            // a value the command line was given that a library refused (a URL, a number)
            code = "USAGE";
            message = cause.getMessage();
            exit = 2;
        } else {
            // not the server's INTERNAL: the server's codes come as ChaparException
            code = "CLI_FAULT";
            message = "chapar itself failed (please report it): " + cause;
        }
        if (json) {
            ObjectNode root = JsonView.object();
            root.putObject("error").put("code", code).put("message", message);
            t.err().println(JsonView.line(root));
        } else {
            t.warn("error: " + code + ": " + message);
        }
        return exit;
    }

    static Throwable unwrap(Throwable e) {
        Throwable c = e;
        while ((c instanceof ExecutionException || c instanceof CompletionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** A failure found by the CLI itself (not logged in, no terminal for the password, ...). */
    static final class CliFailure extends RuntimeException {
        final String code;
        final int exit;

        CliFailure(String code, String message, int exit) {
            super(message);
            this.code = code;
            this.exit = exit;
        }
    }

    static CliFailure notLoggedIn(Profile p) {
        return new CliFailure(
                "AUTH_REQUIRED",
                "profile '"
                        + p.name()
                        + "' is not logged in; run: chapar login USERNAME --server URL",
                1);
    }

    static CliFailure usage(String message) {
        return new CliFailure("USAGE", message, 2);
    }
}
