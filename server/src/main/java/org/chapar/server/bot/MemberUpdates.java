package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.JoinRequested;
import org.chapar.protocol.MemberChanged;
import org.chapar.protocol.MemberState;
import org.chapar.protocol.Update;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.chat.Rights;
import org.chapar.server.store.StoreTx;

import java.util.Optional;
import java.util.Set;

/**
 * Telegram's my_chat_member, chat_member (ChatMemberUpdated) and chat_join_request
 * (ChatJoinRequest) from a bot's box events (docs/adr/0028-bot-member-updates.md). Who is in the
 * event was decided when it was written; the chat and the users are rendered as they are now.
 */
final class MemberUpdates {
    private MemberUpdates() {}

    /** The bot's own membership: my_chat_member; another member's: chat_member. */
    static Optional<ObjectNode> changed(StoreTx tx, long bot, Update u, Set<String> allowed) {
        MemberChanged c = u.getMemberChanged();
        String kind = c.getUserId() == bot ? "my_chat_member" : "chat_member";
        if (!UpdateTranslator.wanted(allowed, kind)) {
            return Optional.empty();
        }
        Optional<ChatRecord> chat = tx.sharedChats().get(c.getChatId());
        Optional<AccountRecord> user = tx.accounts().byId(c.getUserId());
        Optional<ObjectNode> from = actor(tx, c.getActorId());
        if (chat.isEmpty() || user.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        boolean channel = chat.get().channel();
        ObjectNode o = BotJson.object();
        o.set("chat", TelegramObjects.chat(chat.get()));
        o.set("from", from.get());
        o.put("date", c.getDate());
        o.set("old_chat_member", member(user.get(), c.getOldMember(), channel));
        o.set("new_chat_member", member(user.get(), c.getNewMember(), channel));
        return Optional.of(update(u, kind, o));
    }

    /** A request to join a chat the bot administers with invite_users. */
    static Optional<ObjectNode> joinRequest(StoreTx tx, Update u, Set<String> allowed) {
        JoinRequested r = u.getBotJoinRequest();
        if (!UpdateTranslator.wanted(allowed, "chat_join_request")) {
            return Optional.empty();
        }
        Optional<ChatRecord> chat = tx.sharedChats().get(r.getChatId());
        Optional<AccountRecord> user = tx.accounts().byId(r.getUserId());
        if (chat.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode o = BotJson.object();
        o.set("chat", TelegramObjects.chat(chat.get()));
        o.set("from", TelegramObjects.user(user.get()));
        o.put("user_chat_id", r.getUserId());
        o.put("date", r.getDate());
        return Optional.of(update(u, "chat_join_request", o));
    }

    /** Who acted: 0 is an anonymous admin, shown as Telegram shows them; empty if deleted. */
    private static Optional<ObjectNode> actor(StoreTx tx, long id) {
        if (id == 0) {
            return Optional.of(TelegramObjects.groupAnonymousBot());
        }
        return tx.accounts().byId(id).map(TelegramObjects::user);
    }

    private static ObjectNode member(AccountRecord user, MemberState s, boolean channel) {
        return ChatMembers.member(
                user,
                s.getStatus(),
                Rights.admin(s.getAdminRights()),
                Rights.banned(s.getRestrictions()),
                s.getUntilDate(),
                channel);
    }

    private static ObjectNode update(Update u, String kind, ObjectNode body) {
        ObjectNode out = BotJson.object().put("update_id", u.getPts());
        out.set(kind, body);
        return out;
    }
}
