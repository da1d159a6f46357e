package org.chapar.cli;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What every client command shares: its profile, an SDK client for it, and output. */
abstract class ClientCommand implements Callable<Integer> {

    static final long TIMEOUT_SECONDS = 30;

    @Spec CommandSpec spec;

    private Profile profile;

    ChaparCommand root() {
        return (ChaparCommand) spec.root().userObject();
    }

    Terminal terminal() {
        return root().terminal;
    }

    boolean json() {
        return root().json;
    }

    Profile profile() {
        if (profile == null) {
            profile = Profile.open(terminal().home(), root().profile);
        }
        return profile;
    }

    /**
     * A connected client for the logged-in profile. {@code sync} is for {@code listen}: only it
     * consumes updates, so the other commands never move the profile's pts.
     */
    ChaparClient connectLoggedIn(boolean sync) {
        Profile p = profile();
        String server = p.server().orElseThrow(() -> Failures.notLoggedIn(p));
        if (!p.store().load().hasToken()) {
            throw Failures.notLoggedIn(p);
        }
        ChaparClient c = client(Profile.websocketUri(server), sync);
        try {
            await(c.connect());
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    ChaparClient client(URI ws, boolean sync) {
        return client(ws, profile().store(), sync);
    }

    ChaparClient client(URI ws, SyncStateStore store, boolean sync) {
        return client(ws, store, sync, profile().pin());
    }

    /** {@code pin}: the server's certificate is accepted by its key alone (self-hosted). */
    ChaparClient client(URI ws, SyncStateStore store, boolean sync, Optional<String> pin) {
        ChaparClient.Builder b =
                ChaparClient.builder(ws)
                        .stateStore(store)
                        .clientName("chapar-cli/0.1")
                        .syncUpdates(sync);
        try {
            pin.ifPresent(b::pin);
        } catch (IllegalArgumentException e) {
            throw Failures.usage(e.getMessage());
        }
        return b.build();
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failures.CliFailure("INTERRUPTED", "interrupted", 1);
        } catch (Exception e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new java.util.concurrent.CompletionException(cause);
        }
    }

    /** The user named {@code @name} (or {@code name}). */
    static User resolve(ChaparClient c, String name) {
        String n = name.startsWith("@") ? name.substring(1) : name;
        if (n.isEmpty()) {
            throw Failures.usage("expected @username, got '" + name + "'");
        }
        return await(c.resolveUsername(n));
    }

    static Peer peerOf(User u) {
        return Peers.user(u);
    }

    /** One result: a JSON line with --json, else the text (made safe to print). */
    void print(JsonNode json, String text) {
        if (json()) {
            terminal().out().println(JsonView.line(json));
        } else {
            terminal().show(text);
        }
    }
}
