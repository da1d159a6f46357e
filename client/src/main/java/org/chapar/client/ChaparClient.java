package org.chapar.client;

import org.chapar.client.media.MediaFiles;
import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.Difference;
import org.chapar.protocol.GetDifference;
import org.chapar.protocol.GetState;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Privacy;
import org.chapar.protocol.PrivacyAudience;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Session;
import org.chapar.protocol.State;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.User;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A Chapar client for one identity: typed requests, plus the user's updates in order, exactly once
 * (see {@link UpdateListener}).
 *
 * <pre>{@code
 * try (ChaparClient c = ChaparClient.builder(URI.create("ws://localhost:8080/ws"))
 *     .stateStore(SyncStateStore.file(dir.resolve("sync.properties"))).build()) {
 *   c.addUpdateListener((u, users) -> System.out.println(u));
 *   c.connect().join();
 *   c.login("alice", password, "laptop").join();
 *   c.sendMessage(Peers.user(bobId), "hello").join();
 * }
 * }</pre>
 *
 * <p>Futures fail with {@link ChaparException}. They complete on virtual threads, never on the
 * SDK's own threads, so blocking on another request inside a callback or listener is safe.
 *
 * <p>The requests are made by package-private collaborators ({@link AccountCalls}, {@link
 * MessageCalls}, over {@link LinkCalls}); this class is the public face that holds them together.
 */
public final class ChaparClient implements AutoCloseable {

    private final ServerLink link;
    private final LinkCalls calls;
    private final AccountCalls accounts;
    private final MessageCalls messages;
    private final MediaFiles media;

    private ChaparClient(Builder b) {
        this.link =
                new ServerLink(
                        b.uris,
                        b.transport,
                        b.store,
                        b.clientName,
                        b.syncUpdates,
                        b.clock,
                        b.maxBackoff.toMillis());
        this.calls = new LinkCalls(link);
        this.accounts = new AccountCalls(calls);
        this.messages = new MessageCalls(calls, new OwnEvents(link.sync));
        URI origin = MediaFiles.originOf(b.uris.get(0));
        this.media =
                new MediaFiles(
                        origin,
                        () -> link.syncState().token(),
                        "https".equals(origin.getScheme()) ? b.trust().sslContext() : null);
    }

    /**
     * {@code uri} is the WebSocket endpoint, e.g. {@code wss://chat.example.org/ws}, or {@code
     * ws://127.0.0.1:8080/ws} for a server on this machine. A wss:// certificate is checked as
     * browsers do unless it is {@link Builder#pin pinned}.
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    public static final class Builder {
        private final List<URI> uris = new ArrayList<>();
        private SyncStateStore store = SyncStateStore.inMemory();
        private String clientName = "chapar-java/0.1";
        private boolean syncUpdates = true;
        private Transport transport;
        private ClientClock clock = new SystemClock();
        private Duration maxBackoff = Duration.ofSeconds(30);
        private final Set<String> pins = new LinkedHashSet<>();
        private final List<X509Certificate> roots = new ArrayList<>();

        private Builder(URI uri) {
            this.uris.add(Objects.requireNonNull(uri));
        }

        /**
         * Other addresses of the same deployment (nodes of a cluster, relays): after a connection
         * is lost or fails the client tries the next address, in order and round again.
         */
        public Builder alternates(URI... others) {
            for (URI u : others) {
                uris.add(Objects.requireNonNull(u));
            }
            return this;
        }

        /** Where the session token and the update state live; in memory by default. */
        public Builder stateStore(SyncStateStore store) {
            this.store = Objects.requireNonNull(store);
            return this;
        }

        public Builder clientName(String name) {
            this.clientName = Objects.requireNonNull(name);
            return this;
        }

        /**
         * With {@code false} the client only makes requests: it neither fetches nor delivers
         * updates and leaves the stored pts alone (it only sets it at the first login), so a later
         * client with the same store still receives everything. For one-shot tools.
         */
        public Builder syncUpdates(boolean sync) {
            this.syncUpdates = sync;
            return this;
        }

        /**
         * The longest wait between two reconnect attempts (default 30 s); the waits double from 100
         * ms up to it, with jitter, so a fleet of clients does not return all at once.
         */
        public Builder maxReconnectBackoff(Duration max) {
            if (max.toMillis() < 100) {
                throw new IllegalArgumentException("the reconnect backoff is at least 100 ms");
            }
            this.maxBackoff = max;
            return this;
        }

        /**
         * Accepts a wss:// server whose certificate (or one of its chain) has this key, whatever
         * signed it and whatever names it holds: for a self-hosted server with a self-signed
         * certificate, whose pin ({@code sha256/...}) the server prints at start. Without a pin the
         * certificate must chain to a trusted root and name the host.
         */
        public Builder pin(String pin) {
            pins.add(TlsTrust.checkPin(Objects.requireNonNull(pin)));
            return this;
        }

        /**
         * Trusts these roots instead of the JDK's (a private CA); the host name is still checked.
         */
        public Builder trustedRoots(Collection<X509Certificate> certificates) {
            roots.addAll(certificates);
            return this;
        }

        Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        TlsTrust trust() {
            return pins.isEmpty() && roots.isEmpty() ? TlsTrust.SYSTEM : new TlsTrust(pins, roots);
        }

        /** The time the link's timers run on; tests move a manual one. */
        Builder clock(ClientClock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public ChaparClient build() {
            if (transport == null) {
                transport = new WebSocketTransport(trust());
            }
            return new ChaparClient(this);
        }
    }

    /**
     * Opens the connection; with a stored session it also authenticates and catches up on missed
     * updates before completing. Fails if the server cannot be reached or rejects the stored
     * session. After this, a dropped connection is re-established automatically.
     */
    public CompletableFuture<Void> connect() {
        return LinkCalls.handOver(link.connect());
    }

    public void addUpdateListener(UpdateListener listener) {
        link.delivery.addListener(Objects.requireNonNull(listener));
    }

    /** Hears connection state changes, on the delivery thread in order with the updates. */
    public void addConnectionListener(Consumer<ConnectionState> listener) {
        link.delivery.addStateListener(Objects.requireNonNull(listener));
    }

    /** The persisted state: delivered pts, token, user id, device cookies. */
    public SyncState syncState() {
        return link.syncState();
    }

    // ---- accounts and sessions ----

    /** Creates an account and logs in; the device cookie it answers is kept like a login's. */
    public CompletableFuture<Authorization> register(
            String username, String password, String displayName, String device) {
        return accounts.register(username, password, displayName, device);
    }

    /**
     * Logs in, presenting the device cookie an earlier Register or Login of this account gave this
     * client ({@link SyncState#deviceCookie}): such a login has a rate-limit budget of its own, so
     * strangers guessing the password cannot lock this device out. The answer's cookie is kept in
     * the state store, across logouts and restarts; the store is to be kept like a password.
     */
    public CompletableFuture<Authorization> login(String username, String password, String device) {
        return login(username, password, device, "");
    }

    /**
     * Logs in presenting {@code deviceCookie}, an {@link Authorization#getDeviceCookie()} kept
     * elsewhere; "" or null presents the one this client keeps, as {@link #login(String, String,
     * String)} does.
     */
    public CompletableFuture<Authorization> login(
            String username, String password, String device, String deviceCookie) {
        return accounts.login(username, password, device, deviceCookie);
    }

    /** Resumes a session by its token on this connection (stored tokens are used automatically). */
    public CompletableFuture<Authorization> authenticate(String token) {
        return accounts.authenticate(token);
    }

    /** Ends this session; its token is forgotten. */
    public CompletableFuture<Void> logout() {
        return accounts.logout();
    }

    public CompletableFuture<User> getMe() {
        return accounts.getMe();
    }

    /**
     * Changes the display name and/or the username (null: as it is); answers the account as it is
     * now. The old username is free for anyone from then on.
     */
    public CompletableFuture<User> updateProfile(String displayName, String username) {
        return accounts.updateProfile(displayName, username);
    }

    public CompletableFuture<List<Session>> getSessions() {
        return accounts.getSessions();
    }

    public CompletableFuture<Void> revokeSession(long sessionId) {
        return accounts.revokeSession(sessionId);
    }

    public CompletableFuture<List<User>> searchUsers(String query, int limit) {
        return accounts.searchUsers(query, limit);
    }

    /** The user with this username (with or without the leading @). */
    public CompletableFuture<User> resolveUsername(String username) {
        return accounts.resolveUsername(username);
    }

    /** This account's privacy settings. */
    public CompletableFuture<Privacy> getPrivacy() {
        return accounts.getPrivacy();
    }

    /**
     * Changes privacy settings; a setting given as PRIVACY_AUDIENCE_UNSPECIFIED stays as it is.
     * Answers all the settings as they are now.
     */
    public CompletableFuture<Privacy> setPrivacy(
            PrivacyAudience lastSeen, PrivacyAudience groupInvites) {
        return accounts.setPrivacy(lastSeen, groupInvites);
    }

    /**
     * Users by id. Only yourself and users you have a private chat with are returned by id alone;
     * for others use {@link #refreshUsers} with the Users the server showed you.
     */
    public CompletableFuture<List<User>> getUsers(List<Long> ids) {
        return accounts.getUsers(ids);
    }

    /** The current state of users the server showed you before, named with their access hash. */
    public CompletableFuture<List<User>> refreshUsers(List<User> known) {
        return accounts.refreshUsers(known);
    }

    // ---- messages ----

    /**
     * Sends a text message. The send is idempotent (a random_id chosen here): if the connection
     * drops before the answer it is sent again after reconnecting and the server returns the first
     * result.
     */
    public CompletableFuture<SentMessage> sendMessage(Peer peer, String text) {
        return sendMessage(peer, text, 0);
    }

    public CompletableFuture<SentMessage> sendMessage(Peer peer, String text, long replyToId) {
        return messages.sendMessage(peer, text, replyToId);
    }

    /**
     * Sends a media message: {@code media} names a finished upload ({@link #media()}) and says its
     * kind; {@code caption} may be "" (up to 1,024 characters). Items of an album share one
     * non-zero {@code groupedId} ({@link #sendAlbum}); 0 for a single item. Idempotent like a text.
     */
    public CompletableFuture<SentMessage> sendMedia(
            Peer peer, InputMedia media, String caption, long groupedId) {
        return messages.sendMedia(peer, media, caption, groupedId);
    }

    /**
     * Sends up to 10 photos and videos as one album, in order, the caption on the first; answers
     * every item's result. Stops at the first refusal (the items sent before it stay).
     */
    public CompletableFuture<List<SentMessage>> sendAlbum(
            Peer peer, List<InputMedia> items, String caption) {
        long groupedId = LinkCalls.randomId();
        CompletableFuture<List<SentMessage>> all =
                CompletableFuture.completedFuture(new ArrayList<>());
        for (int i = 0; i < items.size(); i++) {
            InputMedia item = items.get(i);
            String text = i == 0 ? caption : "";
            all =
                    all.thenCompose(
                            sent ->
                                    messages.sendMedia(peer, item, text, groupedId)
                                            .thenApply(
                                                    s -> {
                                                        sent.add(s);
                                                        return sent;
                                                    }));
        }
        return all.thenApply(List::copyOf);
    }

    /**
     * Uploads and downloads of this server's media files, authorized by this client's session
     * (protocol README "Media").
     */
    public MediaFiles media() {
        return media;
    }

    public CompletableFuture<SentMessage> editMessage(Peer peer, long id, String text) {
        return messages.editMessage(peer, id, text);
    }

    public CompletableFuture<AffectedPts> deleteMessages(
            Peer peer, List<Long> ids, boolean revoke) {
        return messages.deleteMessages(peer, ids, revoke);
    }

    /**
     * Marks the chat read up to {@code maxId}. The own-event update it yields has still_unread 0.
     */
    public CompletableFuture<AffectedPts> readHistory(Peer peer, long maxId) {
        return messages.readHistory(peer, maxId);
    }

    /** Newest first: messages with id below {@code offsetId} (0: from the newest). */
    public CompletableFuture<MessageList> getHistory(Peer peer, long offsetId, int limit) {
        return messages.getHistory(peer, offsetId, limit);
    }

    /**
     * The chat list, most recent first; {@code offset} is the previous page's next_offset (""
     * first).
     */
    public CompletableFuture<DialogList> getDialogs(String offset, int limit) {
        return messages.getDialogs(offset, limit);
    }

    public CompletableFuture<Void> setTyping(Peer peer, TypingAction action) {
        return messages.setTyping(peer, action);
    }

    // ---- sync (the client syncs by itself; these are for tools and tests) ----

    public CompletableFuture<State> getState() {
        return calls.typed(
                ClientFrame.newBuilder().setGetState(GetState.getDefaultInstance()),
                ServerFrame.BodyCase.STATE,
                ServerFrame::getState);
    }

    /**
     * GetDifference, its own messages marked {@code out} (see {@link UpdateListener}); it does not
     * touch this client's own update state.
     */
    public CompletableFuture<Difference> getDifference(long pts, int limit) {
        return calls.typed(
                ClientFrame.newBuilder()
                        .setGetDifference(GetDifference.newBuilder().setPts(pts).setLimit(limit)),
                ServerFrame.BodyCase.DIFFERENCE,
                f -> link.mine.mark(f.getDifference()));
    }

    /**
     * Any request; the id is set by the client. Not retried across reconnects: if the connection
     * drops before the answer the future fails with UNAVAILABLE.
     */
    public CompletableFuture<ServerFrame> call(ClientFrame.Builder frame) {
        return calls.submit(frame.clone(), false, null, f -> f);
    }

    /** Closes the connection and stops the SDK's threads; pending requests fail. */
    @Override
    public void close() {
        link.close();
    }

    /** The requests behind this client, for {@link ChatRequests}. */
    LinkCalls calls() {
        return calls;
    }

    /** The message requests behind this client, for {@link ChatRequests}. */
    MessageCalls messages() {
        return messages;
    }
}
