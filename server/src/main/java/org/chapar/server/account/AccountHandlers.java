package org.chapar.server.account;

import static org.chapar.protocol.ClientFrame.RequestCase.AUTHENTICATE;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_ME;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_SESSIONS;
import static org.chapar.protocol.ClientFrame.RequestCase.GET_USERS;
import static org.chapar.protocol.ClientFrame.RequestCase.LOGIN;
import static org.chapar.protocol.ClientFrame.RequestCase.LOGOUT;
import static org.chapar.protocol.ClientFrame.RequestCase.REGISTER;
import static org.chapar.protocol.ClientFrame.RequestCase.RESOLVE_USERNAME;
import static org.chapar.protocol.ClientFrame.RequestCase.REVOKE_SESSION;
import static org.chapar.protocol.ClientFrame.RequestCase.SEARCH_USERS;
import static org.chapar.protocol.ClientFrame.RequestCase.UPDATE_PROFILE;

import com.google.protobuf.ByteString;

import org.chapar.protocol.Authorization;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InputUser;
import org.chapar.protocol.Ok;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Session;
import org.chapar.protocol.SessionList;
import org.chapar.protocol.UserList;
import org.chapar.server.bus.UserFact;
import org.chapar.server.core.ApiException;
import org.chapar.server.gateway.Dispatcher;
import org.chapar.server.gateway.RequestContext;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UpdatePublisher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The account, session and user-directory requests. */
public final class AccountHandlers {
    private static final int MAX_SEARCH = 50;
    private static final int MAX_GET_USERS = 200;
    private static final int MIN_SEARCH = 3;

    private final AccountService accounts;
    private final Store store;
    private final UserViews users;
    private final UpdatePublisher publisher;
    private final RateLimiter searches;

    public AccountHandlers(
            AccountService accounts,
            Store store,
            UserViews users,
            UpdatePublisher publisher,
            RateLimiter searches) {
        this.accounts = accounts;
        this.store = store;
        this.users = users;
        this.publisher = publisher;
        this.searches = searches;
    }

    public void register(Dispatcher d) {
        d.open(
                REGISTER,
                (ctx, f) -> {
                    requireLoggedOut(ctx);
                    var r = f.getRegister();
                    return accounts.register(
                                    r.getUsername(),
                                    r.getPassword(),
                                    r.getDisplayName(),
                                    r.getDevice(),
                                    ctx.address())
                            .thenCompose(s -> loggedIn(ctx, s));
                });
        d.open(
                LOGIN,
                (ctx, f) -> {
                    requireLoggedOut(ctx);
                    var r = f.getLogin();
                    return accounts.login(
                                    r.getUsername(),
                                    r.getPassword(),
                                    r.getDevice(),
                                    r.getDeviceCookie(),
                                    ctx.address())
                            .thenCompose(s -> loggedIn(ctx, s));
                });
        d.open(
                AUTHENTICATE,
                (ctx, f) -> {
                    requireLoggedOut(ctx);
                    return accounts.authenticate(f.getAuthenticate().getToken())
                            .thenCompose(s -> loggedIn(ctx, s));
                });
        d.authenticated(
                LOGOUT,
                (ctx, f) -> {
                    long user = ctx.userId();
                    long session = ctx.sessionId();
                    return accounts.revoke(user, session)
                            .thenApply(
                                    x -> {
                                        ctx.logOut();
                                        publisher.fact(user, new UserFact.SessionRevoked(session));
                                        return ok();
                                    });
                });
        d.authenticated(
                GET_SESSIONS,
                (ctx, f) ->
                        accounts.sessions(ctx.userId())
                                .thenApply(
                                        list -> {
                                            SessionList.Builder out = SessionList.newBuilder();
                                            for (SessionRecord s : list) {
                                                out.addSessions(
                                                        Session.newBuilder()
                                                                .setId(s.id())
                                                                .setDevice(s.device())
                                                                .setCreated(s.created())
                                                                .setLastActive(s.lastActive())
                                                                .setCurrent(
                                                                        s.id() == ctx.sessionId()));
                                            }
                                            return ServerFrame.newBuilder().setSessions(out);
                                        }));
        d.authenticated(
                REVOKE_SESSION,
                (ctx, f) -> {
                    long user = ctx.userId();
                    long target = f.getRevokeSession().getSessionId();
                    return accounts.revoke(user, target)
                            .thenApply(
                                    found -> {
                                        if (!found) {
                                            throw new ApiException(
                                                    ErrorCode.SESSION_NOT_FOUND,
                                                    "You have no session with that id");
                                        }
                                        if (target == ctx.sessionId()) {
                                            ctx.logOut(); // like Logout: this connection stays
                                            // open to get the answer
                                        }
                                        publisher.fact(user, new UserFact.SessionRevoked(target));
                                        return ok();
                                    });
                });
        d.authenticated(
                GET_ME,
                (ctx, f) ->
                        accounts.account(ctx.userId())
                                .thenApply(a -> ServerFrame.newBuilder().setUser(users.self(a))));
        d.authenticated(
                UPDATE_PROFILE,
                (ctx, f) -> {
                    var r = f.getUpdateProfile();
                    return accounts.updateProfile(
                                    ctx.userId(),
                                    r.hasDisplayName() ? r.getDisplayName() : null,
                                    r.hasUsername() ? r.getUsername() : null)
                            .thenApply(a -> ServerFrame.newBuilder().setUser(users.self(a)));
                });
        d.authenticated(
                SEARCH_USERS,
                (ctx, f) -> {
                    var r = f.getSearchUsers();
                    String q = Usernames.strip(r.getQuery().strip());
                    if (q.codePointCount(0, q.length()) < MIN_SEARCH) {
                        throw ApiException.badRequest(
                                "Search for at least " + MIN_SEARCH + " characters");
                    }
                    searches.acquire(ctx.userId());
                    int limit = r.getLimit() <= 0 ? 20 : Math.min(r.getLimit(), MAX_SEARCH);
                    return store.read(
                            tx -> userList(ctx, tx, tx.accounts().searchByPrefix(q, limit)));
                });
        d.authenticated(
                GET_USERS,
                (ctx, f) -> {
                    var r = f.getGetUsers();
                    List<InputUser> asked = new ArrayList<>(r.getUsersList());
                    r.getIdsList()
                            .forEach(id -> asked.add(InputUser.newBuilder().setUserId(id).build()));
                    if (asked.size() > MAX_GET_USERS) {
                        throw new ApiException(
                                ErrorCode.LIMIT_INVALID,
                                "At most " + MAX_GET_USERS + " users at once");
                    }
                    return store.read(
                            tx -> {
                                // ids the caller may not name are left out like unknown ones
                                List<Long> ids = new ArrayList<>();
                                for (InputUser u : asked) {
                                    if (users.access()
                                            .mayName(
                                                    tx,
                                                    ctx.userId(),
                                                    u.getUserId(),
                                                    u.getAccessHash())) {
                                        ids.add(u.getUserId());
                                    }
                                }
                                return userList(ctx, tx, tx.accounts().byIds(ids));
                            });
                });
        d.authenticated(
                RESOLVE_USERNAME,
                (ctx, f) -> {
                    String name = Usernames.strip(f.getResolveUsername().getUsername().strip());
                    return store.read(
                            tx -> {
                                AccountRecord a =
                                        tx.usernames()
                                                .owner(name)
                                                .filter(o -> o.userId() != 0)
                                                .flatMap(o -> tx.accounts().byId(o.userId()))
                                                .orElseThrow(
                                                        () ->
                                                                new ApiException(
                                                                        ErrorCode.USER_NOT_FOUND,
                                                                        "No user is called @"
                                                                                + name));
                                return ServerFrame.newBuilder()
                                        .setUser(
                                                userList(ctx, tx, List.of(a))
                                                        .getUsers()
                                                        .getUsers(0));
                            });
                });
    }

    /** Users as the caller sees them (presence as their privacy settings allow). */
    private ServerFrame.Builder userList(RequestContext ctx, StoreTx tx, List<AccountRecord> list) {
        return ServerFrame.newBuilder()
                .setUsers(UserList.newBuilder().addAllUsers(users.render(tx, list, ctx.userId())));
    }

    private CompletableFuture<ServerFrame.Builder> loggedIn(
            RequestContext ctx, AccountService.NewSession s) {
        return ctx.logIn(s.account().id(), s.sessionId()).thenApply(ready -> authorization(s));
    }

    private ServerFrame.Builder authorization(AccountService.NewSession s) {
        return ServerFrame.newBuilder()
                .setAuthorization(
                        Authorization.newBuilder()
                                .setUser(users.self(s.account()))
                                .setToken(s.token())
                                .setSessionId(s.sessionId())
                                .setDeviceCookie(s.cookie())
                                .setAuthorSalt(ByteString.copyFrom(s.authorSalt())));
    }

    private static void requireLoggedOut(RequestContext ctx) {
        if (ctx.authenticated()) {
            throw new ApiException(
                    ErrorCode.ALREADY_AUTHENTICATED, "This connection is already logged in");
        }
    }

    static ServerFrame.Builder ok() {
        return ServerFrame.newBuilder().setOk(Ok.getDefaultInstance());
    }
}
