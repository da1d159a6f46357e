package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.InputUser;
import org.chapar.protocol.Restrictions;
import org.chapar.server.chat.ChatAdminService;
import org.chapar.server.chat.InviteService;
import org.chapar.server.chat.MemberRecord;
import org.chapar.server.chat.Rights;
import org.chapar.server.store.Store;

import java.util.concurrent.CompletableFuture;

/**
 * What changes a member, each one call of the chat services an admin's client reaches:
 * ban/unban/restrict/promoteChatMember and approve/declineChatJoinRequest.
 */
final class MemberMethods {
    private static final int BANNED =
            Rights.banned(Restrictions.newBuilder().setViewMessages(true).build());

    private final Store store;
    private final BotChats chats;
    private final ChatAdminService admin;
    private final InviteService invites;

    MemberMethods(Store store, BotChats chats, ChatAdminService admin, InviteService invites) {
        this.store = store;
        this.chats = chats;
        this.admin = admin;
        this.invites = invites;
    }

    void register(BotApi api) {
        api.method(
                "banChatMember",
                (bot, p) -> restrict(bot, p, BANNED, p.longValue("until_date", 0)));
        api.method("unbanChatMember", this::unban);
        api.method(
                "restrictChatMember",
                (bot, p) ->
                        restrict(
                                bot,
                                p,
                                Rights.banned(
                                        ChatMembers.restrictions(
                                                p.json("permissions")
                                                        .orElseThrow(
                                                                () ->
                                                                        BotError.badRequest(
                                                                                "permissions is empty")))),
                                p.longValue("until_date", 0)));
        api.method("promoteChatMember", this::promote);
        api.method("approveChatJoinRequest", (bot, p) -> decide(bot, p, true));
        api.method("declineChatJoinRequest", (bot, p) -> decide(bot, p, false));
    }

    private CompletableFuture<JsonNode> restrict(
            BotService.Session bot, BotParams p, int banned, long until) {
        long user = p.requireLong("user_id");
        return chats.shared(bot.id(), p)
                .thenCompose(t -> edit(bot, t, user, banned, until))
                .thenApply(i -> BooleanNode.TRUE);
    }

    private CompletableFuture<?> edit(
            BotService.Session bot, BotChats.Target t, long user, int banned, long until) {
        return admin.editRestrictions(
                bot.id(),
                t.peer().getChatId(),
                InputUser.newBuilder().setUserId(user).build(),
                banned,
                until);
    }

    /**
     * As Telegram: afterwards the user is not in the chat and may join it again, so a member is
     * removed (banned, then unbanned); with only_if_banned a member stays and only a ban is lifted.
     */
    private CompletableFuture<JsonNode> unban(BotService.Session bot, BotParams p) {
        long user = p.requireLong("user_id");
        boolean onlyIfBanned = p.bool("only_if_banned");
        return chats.shared(bot.id(), p)
                .thenCompose(
                        t ->
                                store.read(
                                                tx ->
                                                        tx.members()
                                                                .get(t.peer().getChatId(), user)
                                                                .map(MemberRecord::inChat)
                                                                .orElse(false))
                                        .thenCompose(
                                                inChat -> {
                                                    if (inChat && onlyIfBanned) {
                                                        return CompletableFuture.completedFuture(
                                                                null);
                                                    }
                                                    CompletableFuture<?> removed =
                                                            inChat
                                                                    ? edit(bot, t, user, BANNED, 0)
                                                                    : CompletableFuture
                                                                            .completedFuture(null);
                                                    return removed.thenCompose(
                                                            x -> edit(bot, t, user, 0, 0));
                                                }))
                .thenApply(i -> BooleanNode.TRUE);
    }

    private CompletableFuture<JsonNode> promote(BotService.Session bot, BotParams p) {
        long user = p.requireLong("user_id");
        AdminRights rights =
                AdminRights.newBuilder()
                        .setChangeInfo(p.bool("can_change_info"))
                        .setPostMessages(p.bool("can_post_messages"))
                        .setEditMessages(p.bool("can_edit_messages"))
                        .setDeleteMessages(p.bool("can_delete_messages"))
                        .setBanUsers(p.bool("can_restrict_members"))
                        .setInviteUsers(p.bool("can_invite_users"))
                        .setPinMessages(p.bool("can_pin_messages"))
                        .setAddAdmins(p.bool("can_promote_members"))
                        .setAnonymous(p.bool("is_anonymous"))
                        .setManageCall(p.bool("can_manage_video_chats"))
                        .build();
        return chats.shared(bot.id(), p)
                .thenCompose(
                        t ->
                                admin.editAdmin(
                                        bot.id(), t.peer().getChatId(), user, Rights.admin(rights)))
                .thenApply(i -> BooleanNode.TRUE);
    }

    private CompletableFuture<JsonNode> decide(
            BotService.Session bot, BotParams p, boolean approve) {
        long user = p.requireLong("user_id");
        return chats.shared(bot.id(), p)
                .thenCompose(t -> invites.decide(bot.id(), t.peer().getChatId(), user, approve))
                .thenApply(i -> BooleanNode.TRUE);
    }
}
