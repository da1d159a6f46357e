package org.chapar.client;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.GetMe;
import org.chapar.protocol.GetPrivacy;
import org.chapar.protocol.GetSessions;
import org.chapar.protocol.GetUsers;
import org.chapar.protocol.InputUser;
import org.chapar.protocol.Login;
import org.chapar.protocol.Logout;
import org.chapar.protocol.Privacy;
import org.chapar.protocol.PrivacyAudience;
import org.chapar.protocol.Register;
import org.chapar.protocol.ResolveUsername;
import org.chapar.protocol.RevokeSession;
import org.chapar.protocol.SearchUsers;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Session;
import org.chapar.protocol.SetPrivacy;
import org.chapar.protocol.UpdateProfile;
import org.chapar.protocol.User;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The account requests behind {@link ChaparClient}: authorizing (which also stores the session and
 * learns where the update state starts), sessions, privacy and looking users up.
 */
final class AccountCalls {

    private final LinkCalls calls;
    private final ServerLink link;

    AccountCalls(LinkCalls calls) {
        this.calls = calls;
        this.link = calls.link;
    }

    CompletableFuture<Authorization> register(
            String username, String password, String displayName, String device) {
        Register.Builder r =
                Register.newBuilder()
                        .setUsername(username)
                        .setPassword(password)
                        .setDevice(LinkCalls.nz(device));
        if (displayName != null) {
            r.setDisplayName(displayName);
        }
        return authorize(ClientFrame.newBuilder().setRegister(r), "", password);
    }

    CompletableFuture<Authorization> login(
            String username, String password, String device, String deviceCookie) {
        Login.Builder l =
                Login.newBuilder()
                        .setUsername(username)
                        .setPassword(password)
                        .setDevice(LinkCalls.nz(device))
                        .setDeviceCookie(
                                deviceCookie == null || deviceCookie.isEmpty()
                                        ? link.syncState().deviceCookie(username)
                                        : deviceCookie);
        return authorize(ClientFrame.newBuilder().setLogin(l), "", password);
    }

    /** Resumes a session by its token on this connection. */
    CompletableFuture<Authorization> authenticate(String token) {
        return authorize(
                ClientFrame.newBuilder().setAuthenticate(Authenticate.newBuilder().setToken(token)),
                token,
                null);
    }

    /**
     * Completes once the session is stored and the update state's starting point is known. {@code
     * token}: the one the request resumes (an Authenticate answer carries none), or "". {@code
     * password}: the one a Register or Login showed (null for Authenticate), from which the author
     * key is derived; that runs in the answer's hook so that the catch-up it starts already knows
     * the user's own posts.
     */
    private CompletableFuture<Authorization> authorize(
            ClientFrame.Builder frame, String token, String password) {
        return LinkCalls.handOver(
                calls.onLink(
                                frame,
                                false,
                                f -> {
                                    Authorization a = authorization(f, token);
                                    link.onAuthorized(a, true, authorKey(a, password));
                                })
                        .thenCompose(f -> link.stateKnown().thenApply(x -> f.getAuthorization())));
    }

    /** Null where it cannot be derived: no password, or a server that sends no author salt. */
    private static AuthorKey authorKey(Authorization a, String password) {
        return password == null || a.getAuthorSalt().isEmpty()
                ? null
                : AuthorKey.derive(password, a.getUser().getId(), a.getAuthorSalt());
    }

    private static Authorization authorization(ServerFrame f, String token) {
        Authorization a =
                LinkCalls.expect(f, ServerFrame.BodyCase.AUTHORIZATION).getAuthorization();
        return token.isEmpty() ? a : a.toBuilder().setToken(token).build();
    }

    /** Ends this session; its token is forgotten. */
    CompletableFuture<Void> logout() {
        return calls.submit(
                ClientFrame.newBuilder().setLogout(Logout.getDefaultInstance()),
                false,
                f -> link.onLoggedOut(),
                f -> null);
    }

    CompletableFuture<User> getMe() {
        return calls.typed(
                ClientFrame.newBuilder().setGetMe(GetMe.getDefaultInstance()),
                ServerFrame.BodyCase.USER,
                ServerFrame::getUser);
    }

    CompletableFuture<User> updateProfile(String displayName, String username) {
        UpdateProfile.Builder u = UpdateProfile.newBuilder();
        if (displayName != null) {
            u.setDisplayName(displayName);
        }
        if (username != null) {
            u.setUsername(username);
        }
        return calls.typed(
                ClientFrame.newBuilder().setUpdateProfile(u),
                ServerFrame.BodyCase.USER,
                ServerFrame::getUser);
    }

    CompletableFuture<List<Session>> getSessions() {
        return calls.typed(
                ClientFrame.newBuilder().setGetSessions(GetSessions.getDefaultInstance()),
                ServerFrame.BodyCase.SESSIONS,
                f -> f.getSessions().getSessionsList());
    }

    CompletableFuture<Void> revokeSession(long sessionId) {
        return calls.typed(
                ClientFrame.newBuilder()
                        .setRevokeSession(RevokeSession.newBuilder().setSessionId(sessionId)),
                null,
                f -> null);
    }

    CompletableFuture<List<User>> searchUsers(String query, int limit) {
        return calls.typed(
                ClientFrame.newBuilder()
                        .setSearchUsers(SearchUsers.newBuilder().setQuery(query).setLimit(limit)),
                ServerFrame.BodyCase.USERS,
                f -> f.getUsers().getUsersList());
    }

    CompletableFuture<User> resolveUsername(String username) {
        return calls.typed(
                ClientFrame.newBuilder()
                        .setResolveUsername(ResolveUsername.newBuilder().setUsername(username)),
                ServerFrame.BodyCase.USER,
                ServerFrame::getUser);
    }

    CompletableFuture<Privacy> getPrivacy() {
        return calls.typed(
                ClientFrame.newBuilder().setGetPrivacy(GetPrivacy.getDefaultInstance()),
                ServerFrame.BodyCase.PRIVACY,
                ServerFrame::getPrivacy);
    }

    CompletableFuture<Privacy> setPrivacy(PrivacyAudience lastSeen, PrivacyAudience groupInvites) {
        SetPrivacy.Builder p =
                SetPrivacy.newBuilder().setLastSeen(lastSeen).setGroupInvites(groupInvites);
        return calls.typed(
                ClientFrame.newBuilder().setSetPrivacy(p),
                ServerFrame.BodyCase.PRIVACY,
                ServerFrame::getPrivacy);
    }

    CompletableFuture<List<User>> getUsers(List<Long> ids) {
        return users(GetUsers.newBuilder().addAllIds(ids));
    }

    CompletableFuture<List<User>> refreshUsers(List<User> known) {
        GetUsers.Builder b = GetUsers.newBuilder();
        for (User u : known) {
            b.addUsers(
                    InputUser.newBuilder().setUserId(u.getId()).setAccessHash(u.getAccessHash()));
        }
        return users(b);
    }

    private CompletableFuture<List<User>> users(GetUsers.Builder request) {
        return calls.typed(
                ClientFrame.newBuilder().setGetUsers(request),
                ServerFrame.BodyCase.USERS,
                f -> f.getUsers().getUsersList());
    }
}
