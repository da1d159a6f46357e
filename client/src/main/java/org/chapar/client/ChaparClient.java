package org.chapar.client;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.Authenticate;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.DeleteMessages;
import org.chapar.protocol.DeletedMessages;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.Difference;
import org.chapar.protocol.EditMessage;
import org.chapar.protocol.EditedMessage;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetDialogs;
import org.chapar.protocol.GetDifference;
import org.chapar.protocol.GetHistory;
import org.chapar.protocol.GetMe;
import org.chapar.protocol.GetPrivacy;
import org.chapar.protocol.GetSessions;
import org.chapar.protocol.GetState;
import org.chapar.protocol.GetUsers;
import org.chapar.protocol.InputUser;
import org.chapar.protocol.Login;
import org.chapar.protocol.Logout;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Privacy;
import org.chapar.protocol.PrivacyAudience;
import org.chapar.protocol.ReadHistory;
import org.chapar.protocol.ReadInbox;
import org.chapar.protocol.Register;
import org.chapar.protocol.ResolveUsername;
import org.chapar.protocol.RevokeSession;
import org.chapar.protocol.SearchUsers;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Session;
import org.chapar.protocol.SetPrivacy;
import org.chapar.protocol.SetTyping;
import org.chapar.protocol.State;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

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
 */
public final class ChaparClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerLink link;

    /**
     * Completes the futures handed to the application. Virtual threads, not a shared pool: an
     * application blocking pool threads (a common-pool task waiting on a latch) must not stall the
     * answers to this client's requests.
     */
    private static final Executor CALLBACKS =
            Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("chapar-callback-", 0).factory());

    private final Executor callbacks = CALLBACKS;

    private ChaparClient(Builder b) {
        this.link =
                new ServerLink(b.uri, b.transport, b.store, b.clientName, b.syncUpdates, b.clock);
    }

    /** {@code uri} is the WebSocket endpoint, e.g. {@code ws://host:8080/ws}. */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    public static final class Builder {
        private final URI uri;
        private SyncStateStore store = SyncStateStore.inMemory();
        private String clientName = "chapar-java/0.1";
        private boolean syncUpdates = true;
        private Transport transport;
        private ClientClock clock = new SystemClock();

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri);
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

        Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /** The time the link's timers run on; tests move a manual one. */
        Builder clock(ClientClock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public ChaparClient build() {
            if (transport == null) {
                transport = new WebSocketTransport();
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
        return link.connect().thenApplyAsync(Function.identity(), callbacks);
    }

    public void addUpdateListener(UpdateListener listener) {
        link.delivery.addListener(Objects.requireNonNull(listener));
    }

    /** Hears connection state changes, on the delivery thread in order with the updates. */
    public void addConnectionListener(Consumer<ConnectionState> listener) {
        link.delivery.addStateListener(Objects.requireNonNull(listener));
    }

    /** The persisted state: delivered pts, token, user id. */
    public SyncState syncState() {
        return link.syncState();
    }

    // ---- accounts and sessions ----

    public CompletableFuture<Authorization> register(
            String username, String password, String displayName, String device) {
        Register.Builder r =
                Register.newBuilder()
                        .setUsername(username)
                        .setPassword(password)
                        .setDevice(nz(device));
        if (displayName != null) {
            r.setDisplayName(displayName);
        }
        return authorize(ClientFrame.newBuilder().setRegister(r));
    }

    public CompletableFuture<Authorization> login(String username, String password, String device) {
        return login(username, password, device, "");
    }

    /**
     * Logs in presenting {@code deviceCookie}, the {@link Authorization#getDeviceCookie()} an
     * earlier Register or Login of this account gave this device: such a login has a rate-limit
     * budget of its own, so strangers guessing the password cannot lock this device out. Keep the
     * cookie like a password.
     */
    public CompletableFuture<Authorization> login(
            String username, String password, String device, String deviceCookie) {
        return authorize(
                ClientFrame.newBuilder()
                        .setLogin(
                                Login.newBuilder()
                                        .setUsername(username)
                                        .setPassword(password)
                                        .setDevice(nz(device))
                                        .setDeviceCookie(nz(deviceCookie))));
    }

    /** Resumes a session by its token on this connection (stored tokens are used automatically). */
    public CompletableFuture<Authorization> authenticate(String token) {
        return link.submit(
                        ClientFrame.newBuilder()
                                .setAuthenticate(Authenticate.newBuilder().setToken(token)),
                        false,
                        f ->
                                link.onAuthorized(
                                        expect(f, ServerFrame.BodyCase.AUTHORIZATION)
                                                .getAuthorization()
                                                .toBuilder()
                                                .setToken(token)
                                                .build(),
                                        true))
                .thenCompose(f -> link.stateKnown().thenApply(x -> f.getAuthorization()))
                .thenApplyAsync(Function.identity(), callbacks);
    }

    /** Completes once the session is stored and the update state's starting point is known. */
    private CompletableFuture<Authorization> authorize(ClientFrame.Builder frame) {
        return link.submit(
                        frame,
                        false,
                        f ->
                                link.onAuthorized(
                                        expect(f, ServerFrame.BodyCase.AUTHORIZATION)
                                                .getAuthorization(),
                                        true))
                .thenCompose(f -> link.stateKnown().thenApply(x -> f.getAuthorization()))
                .thenApplyAsync(Function.identity(), callbacks);
    }

    /** Ends this session; its token is forgotten. */
    public CompletableFuture<Void> logout() {
        return link.submit(
                        ClientFrame.newBuilder().setLogout(Logout.getDefaultInstance()),
                        false,
                        f -> link.onLoggedOut())
                .thenApplyAsync(f -> null, callbacks);
    }

    public CompletableFuture<User> getMe() {
        return typed(
                ClientFrame.newBuilder().setGetMe(GetMe.getDefaultInstance()),
                ServerFrame.BodyCase.USER,
                ServerFrame::getUser);
    }

    public CompletableFuture<List<Session>> getSessions() {
        return typed(
                ClientFrame.newBuilder().setGetSessions(GetSessions.getDefaultInstance()),
                ServerFrame.BodyCase.SESSIONS,
                f -> f.getSessions().getSessionsList());
    }

    public CompletableFuture<Void> revokeSession(long sessionId) {
        return typed(
                ClientFrame.newBuilder()
                        .setRevokeSession(RevokeSession.newBuilder().setSessionId(sessionId)),
                null,
                f -> null);
    }

    public CompletableFuture<List<User>> searchUsers(String query, int limit) {
        return typed(
                ClientFrame.newBuilder()
                        .setSearchUsers(SearchUsers.newBuilder().setQuery(query).setLimit(limit)),
                ServerFrame.BodyCase.USERS,
                f -> f.getUsers().getUsersList());
    }

    /** The user with this username (with or without the leading @). */
    public CompletableFuture<User> resolveUsername(String username) {
        return typed(
                ClientFrame.newBuilder()
                        .setResolveUsername(ResolveUsername.newBuilder().setUsername(username)),
                ServerFrame.BodyCase.USER,
                ServerFrame::getUser);
    }

    /** This account's privacy settings. */
    public CompletableFuture<Privacy> getPrivacy() {
        return typed(
                ClientFrame.newBuilder().setGetPrivacy(GetPrivacy.getDefaultInstance()),
                ServerFrame.BodyCase.PRIVACY,
                ServerFrame::getPrivacy);
    }

    /**
     * Changes privacy settings; a setting given as PRIVACY_AUDIENCE_UNSPECIFIED stays as it is.
     * Answers all the settings as they are now.
     */
    public CompletableFuture<Privacy> setPrivacy(
            PrivacyAudience lastSeen, PrivacyAudience groupInvites) {
        return typed(
                ClientFrame.newBuilder()
                        .setSetPrivacy(
                                SetPrivacy.newBuilder()
                                        .setLastSeen(lastSeen)
                                        .setGroupInvites(groupInvites)),
                ServerFrame.BodyCase.PRIVACY,
                ServerFrame::getPrivacy);
    }

    /**
     * Users by id. Only yourself and users you have a private chat with are returned by id alone;
     * for others use {@link #refreshUsers} with the Users the server showed you.
     */
    public CompletableFuture<List<User>> getUsers(List<Long> ids) {
        return typed(
                ClientFrame.newBuilder().setGetUsers(GetUsers.newBuilder().addAllIds(ids)),
                ServerFrame.BodyCase.USERS,
                f -> f.getUsers().getUsersList());
    }

    /** The current state of users the server showed you before, named with their access hash. */
    public CompletableFuture<List<User>> refreshUsers(List<User> known) {
        GetUsers.Builder b = GetUsers.newBuilder();
        for (User u : known) {
            b.addUsers(
                    InputUser.newBuilder().setUserId(u.getId()).setAccessHash(u.getAccessHash()));
        }
        return typed(
                ClientFrame.newBuilder().setGetUsers(b),
                ServerFrame.BodyCase.USERS,
                f -> f.getUsers().getUsersList());
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
        SendMessage.Builder m =
                SendMessage.newBuilder()
                        .setPeer(peer)
                        .setText(text)
                        .setRandomId(randomId())
                        .setReplyToId(replyToId);
        return link.submit(
                        ClientFrame.newBuilder().setSendMessage(m),
                        true,
                        f -> {
                            SentMessage s =
                                    expect(f, ServerFrame.BodyCase.SENT_MESSAGE).getSentMessage();
                            offerOwn(
                                    box(s.getPts(), s.getPtsCount(), s.getChannelId())
                                            .setNewMessage(
                                                    NewMessage.newBuilder()
                                                            .setMessage(s.getMessage())));
                        })
                .thenApplyAsync(ServerFrame::getSentMessage, callbacks);
    }

    public CompletableFuture<SentMessage> editMessage(Peer peer, long id, String text) {
        return link.submit(
                        ClientFrame.newBuilder()
                                .setEditMessage(
                                        EditMessage.newBuilder()
                                                .setPeer(peer)
                                                .setId(id)
                                                .setText(text)),
                        false,
                        f -> {
                            SentMessage s =
                                    expect(f, ServerFrame.BodyCase.SENT_MESSAGE).getSentMessage();
                            offerOwn(
                                    box(s.getPts(), s.getPtsCount(), s.getChannelId())
                                            .setEditedMessage(
                                                    EditedMessage.newBuilder()
                                                            .setMessage(s.getMessage())));
                        })
                .thenApplyAsync(ServerFrame::getSentMessage, callbacks);
    }

    public CompletableFuture<AffectedPts> deleteMessages(
            Peer peer, List<Long> ids, boolean revoke) {
        return affecting(
                ClientFrame.newBuilder()
                        .setDeleteMessages(
                                DeleteMessages.newBuilder()
                                        .setPeer(peer)
                                        .addAllIds(ids)
                                        .setRevoke(revoke)),
                u ->
                        u.setDeletedMessages(
                                DeletedMessages.newBuilder().setPeer(peer).addAllIds(ids)));
    }

    /**
     * Marks the chat read up to {@code maxId}. The own-event update it yields has still_unread 0.
     */
    public CompletableFuture<AffectedPts> readHistory(Peer peer, long maxId) {
        return affecting(
                ClientFrame.newBuilder()
                        .setReadHistory(ReadHistory.newBuilder().setPeer(peer).setMaxId(maxId)),
                u -> u.setReadInbox(ReadInbox.newBuilder().setPeer(peer).setMaxId(maxId)));
    }

    private CompletableFuture<AffectedPts> affecting(
            ClientFrame.Builder frame, Consumer<Update.Builder> event) {
        return link.submit(
                        frame,
                        false,
                        f -> {
                            AffectedPts a = affected(f);
                            if (a.getPts() != 0
                                    && a.getPtsCount()
                                            > 0) { // count 0: the request changed nothing
                                Update.Builder u =
                                        box(a.getPts(), a.getPtsCount(), a.getChannelId());
                                event.accept(u);
                                offerOwn(u);
                            }
                        })
                .thenApplyAsync(ChaparClient::affected, callbacks);
    }

    /** Newest first: messages with id below {@code offsetId} (0: from the newest). */
    public CompletableFuture<MessageList> getHistory(Peer peer, long offsetId, int limit) {
        return typed(
                ClientFrame.newBuilder()
                        .setGetHistory(
                                GetHistory.newBuilder()
                                        .setPeer(peer)
                                        .setOffsetId(offsetId)
                                        .setLimit(limit)),
                ServerFrame.BodyCase.MESSAGES,
                ServerFrame::getMessages);
    }

    /**
     * The chat list, most recent first; {@code offset} is the previous page's next_offset (""
     * first).
     */
    public CompletableFuture<DialogList> getDialogs(String offset, int limit) {
        return typed(
                ClientFrame.newBuilder()
                        .setGetDialogs(
                                GetDialogs.newBuilder().setOffset(nz(offset)).setLimit(limit)),
                ServerFrame.BodyCase.DIALOGS,
                ServerFrame::getDialogs);
    }

    public CompletableFuture<Void> setTyping(Peer peer, TypingAction action) {
        return typed(
                ClientFrame.newBuilder()
                        .setSetTyping(SetTyping.newBuilder().setPeer(peer).setAction(action)),
                null,
                f -> null);
    }

    // ---- sync (the client syncs by itself; these are for tools and tests) ----

    public CompletableFuture<State> getState() {
        return typed(
                ClientFrame.newBuilder().setGetState(GetState.getDefaultInstance()),
                ServerFrame.BodyCase.STATE,
                ServerFrame::getState);
    }

    /** Raw GetDifference; it does not touch this client's own update state. */
    public CompletableFuture<Difference> getDifference(long pts, int limit) {
        return typed(
                ClientFrame.newBuilder()
                        .setGetDifference(GetDifference.newBuilder().setPts(pts).setLimit(limit)),
                ServerFrame.BodyCase.DIFFERENCE,
                ServerFrame::getDifference);
    }

    /**
     * Any request; the id is set by the client. Not retried across reconnects: if the connection
     * drops before the answer the future fails with UNAVAILABLE.
     */
    public CompletableFuture<ServerFrame> call(ClientFrame.Builder frame) {
        return link.submit(frame.clone(), false, null)
                .thenApplyAsync(Function.identity(), callbacks);
    }

    /** Closes the connection and stops the SDK's threads; pending requests fail. */
    @Override
    public void close() {
        link.close();
    }

    // ---- helpers ----

    private <T> CompletableFuture<T> typed(
            ClientFrame.Builder frame, ServerFrame.BodyCase body, Function<ServerFrame, T> map) {
        return link.submit(frame, false, body == null ? null : f -> expect(f, body))
                .thenApplyAsync(map, callbacks);
    }

    private static ServerFrame expect(ServerFrame f, ServerFrame.BodyCase body) {
        if (f.getBodyCase() != body) {
            throw new ChaparException(
                    ErrorCode.INTERNAL,
                    "unexpected answer " + f.getBodyCase() + ", wanted " + body,
                    0);
        }
        return f;
    }

    private static AffectedPts affected(ServerFrame f) {
        return switch (f.getBodyCase()) {
            case AFFECTED -> f.getAffected();
            case SENT_MESSAGE ->
                    AffectedPts.newBuilder()
                            .setPts(f.getSentMessage().getPts())
                            .setPtsCount(f.getSentMessage().getPtsCount())
                            .build();
            case OK -> AffectedPts.getDefaultInstance();
            default ->
                    throw new ChaparException(
                            ErrorCode.INTERNAL, "unexpected answer " + f.getBodyCase(), 0);
        };
    }

    /**
     * Feeds the event of an own request to the sequencer of the box the answer names (its
     * channel_id), so the answer and the push are one event whichever arrives first.
     */
    private void offerOwn(Update.Builder event) {
        link.offerOwn(event.build());
    }

    private static Update.Builder box(long pts, int ptsCount, long channelId) {
        return Update.newBuilder().setPts(pts).setPtsCount(ptsCount).setChannelId(channelId);
    }

    static long randomId() {
        long id;
        do {
            id = RANDOM.nextLong();
        } while (id == 0);
        return id;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
