package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.SyncState;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.net.URI;
import java.util.Optional;

/** register, login, logout, whoami. */
final class AccountCommands {

    private AccountCommands() {}

    /** Shared by register and login: where to, as which device, and the password. */
    abstract static class Authorizing extends ClientCommand {
        @Parameters(
                index = "0",
                paramLabel = "USERNAME",
                description = "5-32 characters a-z, 0-9, _")
        String username;

        @Option(
                names = "--server",
                paramLabel = "URL",
                description =
                        "e.g. https://chat.example.org, or http://127.0.0.1:8080 for a server on"
                                + " this machine; remembered in the profile (default: the"
                                + " profile's, else "
                                + Profile.DEFAULT_SERVER
                                + ")")
        String server;

        @Option(
                names = "--pin",
                paramLabel = "sha256/...",
                description =
                        "Accept the server's certificate by this key even though no public"
                                + " authority signed it (a self-hosted server prints its pin at"
                                + " start); remembered in the profile.")
        String pin;

        @Option(
                names = "--device",
                defaultValue = "chapar-cli",
                description = "Name of this session, shown in `sessions`.")
        String device;

        @Option(
                names = "--password-stdin",
                description = "Read the password from the first line of stdin.")
        boolean passwordStdin;

        abstract Authorization authorize(ChaparClient c, String password);

        abstract String verb();

        @Override
        public Integer call() throws Exception {
            Profile p = profile();
            String target = server != null ? server : p.server().orElse(Profile.DEFAULT_SERVER);
            URI ws = Profile.websocketUri(target);
            boolean sameServer = target.equals(p.server().orElse(null));
            if (!sameServer) {
                p.forgetSession(); // another server: the old token and pts mean nothing there
            }
            // a pin belongs to one server: kept for it, never carried to another
            Optional<String> pinned =
                    pin != null ? Optional.of(pin) : sameServer ? p.pin() : Optional.empty();
            String password = password();
            // The stored session (if any) is not resumed: the server takes Login and Register only
            // on a connection that is not logged in. It stays in the file until the new one
            // replaces it; the device cookies stay too.
            SyncStateStore file = p.store();
            SyncStateStore withoutSession =
                    new SyncStateStore() {
                        @Override
                        public SyncState load() {
                            return file.load().withoutSession();
                        }

                        @Override
                        public void save(SyncState state) {
                            file.save(state);
                        }
                    };
            try (ChaparClient c = client(ws, withoutSession, false, pinned)) {
                try {
                    await(c.connect());
                } catch (ChaparException e) {
                    if (e.getCode() == ErrorCode.UNAVAILABLE) {
                        throw e;
                    } // the stored session was rejected: it is forgotten and we log in anew
                }
                Authorization a = authorize(c, password);
                p.saveServer(target, pinned);
                p.forgetLegacyDeviceCookie(); // the SDK keeps the answer's cookie now
                ObjectNode j = JsonView.object();
                j.set("user", JsonView.user(a.getUser()));
                j.put("session_id", a.getSessionId());
                j.put("server", target);
                j.put("profile", p.name());
                print(
                        j,
                        verb()
                                + " as @"
                                + a.getUser().getUsername()
                                + " (id "
                                + a.getUser().getId()
                                + ") on "
                                + target
                                + " [profile "
                                + p.name()
                                + "]");
            }
            return 0;
        }

        private String password() throws java.io.IOException {
            if (passwordStdin) {
                return terminal().readLine();
            }
            Console console = System.console();
            if (console == null || terminal().in() != System.in) {
                throw Failures.usage(
                        "no terminal to ask for the password; pass it with --password-stdin");
            }
            char[] pw = console.readPassword("Password: ");
            if (pw == null) {
                throw Failures.usage("no password given");
            }
            return new String(pw);
        }
    }

    @Command(name = "register", description = "Create an account and log this profile in.")
    static final class Register extends Authorizing {
        @Option(names = "--display-name", description = "Shown to others; default: the username.")
        String displayName;

        @Override
        Authorization authorize(ChaparClient c, String password) {
            return await(c.register(username, password, displayName, device));
        }

        @Override
        String verb() {
            return "Registered and logged in";
        }
    }

    @Command(name = "login", description = "Log this profile in to an existing account.")
    static final class Login extends Authorizing {
        @Override
        Authorization authorize(ChaparClient c, String password) {
            // a profile from before the SDK kept cookies has its last one in a file of its own
            String cookie = c.syncState().deviceCookie(username);
            return await(
                    c.login(
                            username,
                            password,
                            device,
                            cookie.isEmpty() ? profile().legacyDeviceCookie() : cookie));
        }

        @Override
        String verb() {
            return "Logged in";
        }
    }

    @Command(
            name = "logout",
            description = "End this profile's session on the server and forget its token.")
    static final class Logout extends ClientCommand {
        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                await(c.logout());
            }
            print(
                    JsonView.object().put("ok", true).put("profile", profile().name()),
                    "Logged out [profile " + profile().name() + "]");
            return 0;
        }
    }

    @Command(name = "whoami", description = "Show the logged-in user of this profile.")
    static final class Whoami extends ClientCommand {
        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                User me = await(c.getMe());
                String server = profile().server().orElse("");
                ObjectNode j = JsonView.user(me);
                j.put("server", server);
                j.put("profile", profile().name());
                print(
                        j,
                        TextView.user(me)
                                + " on "
                                + server
                                + " [profile "
                                + profile().name()
                                + "]");
            }
            return 0;
        }
    }

    @Command(
            name = "edit-profile",
            description =
                    "Change this account's display name and/or username (the old username is"
                            + " released at once).")
    static final class EditProfile extends ClientCommand {
        @Option(names = "--display-name", description = "The name shown to others.")
        String displayName;

        @Option(names = "--username", description = "The new @username (5-32 A-Z a-z 0-9 _).")
        String username;

        @Override
        public Integer call() {
            if (displayName == null && username == null) {
                throw Failures.usage("give --display-name, --username or both");
            }
            try (ChaparClient c = connectLoggedIn(false)) {
                User me = await(c.updateProfile(displayName, username));
                print(JsonView.user(me), "Profile: " + TextView.user(me));
            }
            return 0;
        }
    }
}
