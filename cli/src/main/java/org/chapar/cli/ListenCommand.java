package org.chapar.cli;

import org.chapar.client.ChaparClient;
import org.chapar.client.ConnectionState;
import org.chapar.protocol.Update;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints updates: first everything this profile missed since its last {@code listen} (from the
 * persisted pts), then live ones. The pts is saved after each printed batch, so the next run starts
 * exactly after the last update printed. Once it has printed what was missed it says so on stderr,
 * the signal a script (or a test) waits for before it makes the updates it wants to hear.
 */
@Command(
        name = "listen",
        description = {
            "Print missed updates, then new ones as they arrive (Ctrl-C stops).",
            "Once it has printed what was missed, and every later update is sure to be printed,"
                    + " it says so on stderr: \"Listening as profile NAME (Ctrl-C stops)\", or"
                    + " with --json the line {\"listening\":true,\"profile\":\"NAME\"}."
        })
final class ListenCommand extends ClientCommand {

    @Option(
            names = "--count",
            paramLabel = "N",
            description = "Stop after N messages/events (typing and status do not count).")
    int count;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Stop after this long (with --count: fail if fewer came).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Profile p = profile();
        String server = p.server().orElseThrow(() -> Failures.notLoggedIn(p));
        if (!p.store().load().hasToken()) {
            throw Failures.notLoggedIn(p);
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        AtomicReference<String> loggedOut = new AtomicReference<>();
        Names names = new Names();
        ChaparClient c = client(Profile.websocketUri(server), true);
        c.addUpdateListener(
                (u, users) -> {
                    if (count > 0 && seen.get() >= count) {
                        return;
                    }
                    names.add(users);
                    learnChat(c, u, names);
                    print(JsonView.update(u, names), TextView.update(u, names));
                    if (counts(u) && count > 0 && seen.incrementAndGet() >= count) {
                        c.close(); // nothing after this one is delivered, so nothing is
                        // skipped next time
                        done.countDown();
                    }
                });
        AtomicBoolean listening = new AtomicBoolean();
        c.addConnectionListener(
                s -> {
                    // states come in order with the updates: the first ONLINE follows what was
                    // missed, and the connection hears every later update
                    if (s == ConnectionState.ONLINE && !listening.getAndSet(true)) {
                        sayListening(p);
                    } else if (s == ConnectionState.LOGGED_OUT) {
                        loggedOut.set("the session ended (logged out or revoked)");
                        done.countDown();
                    } else if (!json() && s == ConnectionState.OFFLINE) {
                        terminal().warn("connection lost, reconnecting...");
                    }
                });
        Thread hook = new Thread(c::close, "chapar-listen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            await(c.connect());
            boolean finished =
                    timeoutSeconds > 0 ? done.await(timeoutSeconds, TimeUnit.SECONDS) : await(done);
            if (loggedOut.get() != null) {
                throw new Failures.CliFailure("SESSION_REVOKED", loggedOut.get(), 1);
            }
            if (!finished && count > 0) {
                throw new Failures.CliFailure(
                        "TIMEOUT",
                        "got "
                                + seen.get()
                                + " of "
                                + count
                                + " updates in "
                                + timeoutSeconds
                                + " s",
                        1);
            }
            return 0;
        } finally {
            c.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private void sayListening(Profile p) {
        if (json()) {
            terminal()
                    .err()
                    .println(
                            JsonView.line(
                                    JsonView.object()
                                            .put("listening", true)
                                            .put("profile", p.name())));
        } else {
            terminal().warn("Listening as profile " + p.name() + " (Ctrl-C stops)");
        }
    }

    private static boolean await(CountDownLatch l) throws InterruptedException {
        l.await();
        return true;
    }

    /**
     * Shows chats by @name or title: a chat not seen yet is asked for once (blocking is safe in a
     * listener).
     */
    private static void learnChat(ChaparClient c, Update u, Names names) {
        if (u.hasChatUpdated()) {
            names.add(u.getChatUpdated().getChat());
            return;
        }
        long chatId = ChatView.chatOf(u);
        if (chatId != 0 && names.chat(chatId) == null) {
            try {
                names.add(
                        ClientCommand.await(new org.chapar.client.ChatRequests(c).getChat(chatId))
                                .getChat());
            } catch (RuntimeException e) {
                // left since, or the connection is closing: shown by id
            }
        }
    }

    /** Box events count; typing and status come and go. */
    private static boolean counts(Update u) {
        return u.getPts() != 0;
    }
}
