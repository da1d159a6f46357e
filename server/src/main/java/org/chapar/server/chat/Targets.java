package org.chapar.server.chat;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InputUser;
import org.chapar.server.account.UserAccess;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.StoreTx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which users a shared-chat request may name by id: those the caller may name anywhere ({@link
 * UserAccess#mayName}: themself, a private-chat partner, or with the access hash), and those who
 * are, were or asked to be in the chat, so admins act on their members by bare id. Anyone else is
 * answered exactly like an id that does not exist, before any privacy or membership rule, so the
 * answer tells a stranger walking ids nothing. See docs/adr/0007.
 */
final class Targets {
    private final UserAccess access;

    Targets(UserAccess access) {
        this.access = access;
    }

    /**
     * Checks {@code userId} for a request in {@code chatId} (0: a chat being created, which has
     * nobody in it yet), with {@code accessHash} 0 if none was sent.
     */
    void require(StoreTx tx, long me, long chatId, long userId, long accessHash) {
        boolean known =
                access.mayName(tx, me, userId, accessHash)
                        || chatId != 0
                                && (tx.members().get(chatId, userId).isPresent()
                                        || tx.invites().request(chatId, userId).isPresent());
        if (!known || tx.accounts().byId(userId).isEmpty()) {
            throw new ApiException(ErrorCode.USER_NOT_FOUND, "No such user");
        }
    }

    /**
     * The users a request names, in order and once each: bare ids with hash 0, then those sent as
     * InputUser (whose hash wins for an id given both ways).
     */
    static Map<Long, Long> named(List<Long> ids, List<InputUser> users) {
        Map<Long, Long> out = new LinkedHashMap<>();
        ids.forEach(id -> out.putIfAbsent(id, 0L));
        users.forEach(u -> out.put(u.getUserId(), u.getAccessHash()));
        return out;
    }

    /** The one user a request names: {@code user} if set, else the bare {@code userId}. */
    static InputUser one(long userId, InputUser user, boolean hasUser) {
        return hasUser ? user : InputUser.newBuilder().setUserId(userId).build();
    }
}
