package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.EditInviteLink;
import org.chapar.protocol.GetChatMembers;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.MemberFilter;
import org.chapar.protocol.MemberStatus;
import org.chapar.server.chat.ChatQueries;
import org.chapar.server.chat.ChatService;
import org.chapar.server.chat.InviteService;
import org.chapar.server.chat.Rights;
import org.chapar.server.message.Conversations;
import org.chapar.server.store.Store;

import java.util.concurrent.CompletableFuture;

/**
 * The chat methods, each one call of the chat services a user's client reaches: getChat,
 * getChatMember(Count), getChatAdministrators, create/revokeChatInviteLink, pin/unpinChatMessage,
 * leaveChat. What changes a member is in {@link MemberMethods}.
 */
final class ChatMethods {
    static final String LINK_PREFIX = "chapar:join/";

    private final Store store;
    private final BotChats chats;
    private final ChatQueries queries;
    private final ChatService chatService;
    private final InviteService invites;
    private final Conversations conversations;

    ChatMethods(
            Store store,
            BotChats chats,
            ChatQueries queries,
            ChatService chatService,
            InviteService invites,
            Conversations conversations) {
        this.store = store;
        this.chats = chats;
        this.queries = queries;
        this.chatService = chatService;
        this.invites = invites;
        this.conversations = conversations;
    }

    void register(BotApi api) {
        api.method("getChat", this::getChat);
        api.method(
                "getChatMemberCount",
                (bot, p) ->
                        shared(bot, p)
                                .thenCompose(t -> queries.info(bot.id(), t.peer().getChatId()))
                                .thenApply(
                                        i ->
                                                BotJson.MAPPER
                                                        .getNodeFactory()
                                                        .numberNode(
                                                                i.getChat().getMembersCount())));
        api.method("getChatAdministrators", this::getChatAdministrators);
        api.method("getChatMember", this::getChatMember);
        api.method("createChatInviteLink", this::createInviteLink);
        api.method("revokeChatInviteLink", this::revokeInviteLink);
        api.method("pinChatMessage", (bot, p) -> pin(bot, p, false));
        api.method("unpinChatMessage", (bot, p) -> pin(bot, p, true));
        api.method(
                "leaveChat",
                (bot, p) ->
                        shared(bot, p)
                                .thenCompose(t -> chatService.leave(bot.id(), t.peer().getChatId()))
                                .thenApply(i -> BooleanNode.TRUE));
    }

    private CompletableFuture<BotChats.Target> shared(BotService.Session bot, BotParams p) {
        return chats.shared(bot.id(), p);
    }

    private CompletableFuture<JsonNode> getChat(BotService.Session bot, BotParams p) {
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(
                        t -> {
                            if (!t.shared()) {
                                long user = t.peer().getUserId();
                                return store.read(
                                        tx -> {
                                            if (user != bot.id()
                                                    && tx.chats()
                                                            .findPrivateChat(bot.id(), user)
                                                            .isEmpty()) {
                                                throw BotError.badRequest("chat not found");
                                            }
                                            return (JsonNode)
                                                    TelegramObjects.privateChat(
                                                                    tx.accounts()
                                                                            .byId(user)
                                                                            .orElseThrow(
                                                                                    () ->
                                                                                            BotError
                                                                                                    .badRequest(
                                                                                                            "chat not found")))
                                                            .put("accent_color_id", 0)
                                                            .put("max_reaction_count", 11);
                                        });
                            }
                            return queries.info(bot.id(), t.peer().getChatId())
                                    .thenApply(
                                            info -> {
                                                var c = info.getChat();
                                                ObjectNode o =
                                                        BotJson.object()
                                                                .put(
                                                                        "id",
                                                                        BotIds.chatId(
                                                                                c.getId(),
                                                                                c.getKind()))
                                                                .put(
                                                                        "type",
                                                                        TelegramObjects.type(
                                                                                c.getKind()))
                                                                .put("title", c.getTitle());
                                                if (!c.getUsername().isEmpty()) {
                                                    o.put("username", c.getUsername());
                                                }
                                                if (!c.getAbout().isEmpty()) {
                                                    o.put("description", c.getAbout());
                                                }
                                                o.put("accent_color_id", 0)
                                                        .put("max_reaction_count", 11);
                                                if (c.getKind() != ChatKind.CHANNEL) {
                                                    o.set(
                                                            "permissions",
                                                            ChatMembers.permissions(
                                                                    BotJson.object(),
                                                                    Rights.banned(
                                                                            c
                                                                                    .getDefaultRestrictions())));
                                                }
                                                if (c.getSlowModeSeconds() > 0) {
                                                    o.put(
                                                            "slow_mode_delay",
                                                            c.getSlowModeSeconds());
                                                }
                                                return (JsonNode) o;
                                            });
                        });
    }

    private CompletableFuture<JsonNode> getChatAdministrators(BotService.Session bot, BotParams p) {
        return shared(bot, p)
                .thenCompose(
                        t ->
                                queries.members(
                                                bot.id(),
                                                GetChatMembers.newBuilder()
                                                        .setChatId(t.peer().getChatId())
                                                        .setFilter(MemberFilter.FILTER_ADMINS)
                                                        .setLimit(200)
                                                        .build())
                                        .thenCompose(
                                                list ->
                                                        store.read(
                                                                tx -> {
                                                                    ArrayNode out =
                                                                            BotJson.MAPPER
                                                                                    .createArrayNode();
                                                                    boolean channel =
                                                                            t.kind()
                                                                                    == ChatKind
                                                                                            .CHANNEL;
                                                                    for (var m :
                                                                            list.getMembersList()) {
                                                                        tx.accounts()
                                                                                .byId(m.getUserId())
                                                                                .ifPresent(
                                                                                        a ->
                                                                                                out
                                                                                                        .add(
                                                                                                                ChatMembers
                                                                                                                        .member(
                                                                                                                                a,
                                                                                                                                m
                                                                                                                                        .getStatus(),
                                                                                                                                Rights
                                                                                                                                        .admin(
                                                                                                                                                m
                                                                                                                                                        .getAdminRights()),
                                                                                                                                0,
                                                                                                                                0,
                                                                                                                                channel)));
                                                                    }
                                                                    return (JsonNode) out;
                                                                })));
    }

    private CompletableFuture<JsonNode> getChatMember(BotService.Session bot, BotParams p) {
        long user = p.requireLong("user_id");
        return shared(bot, p)
                .thenCompose(
                        t ->
                                queries.info(bot.id(), t.peer().getChatId())
                                        .thenCompose(
                                                info ->
                                                        store.read(
                                                                tx -> {
                                                                    var account =
                                                                            tx.accounts()
                                                                                    .byId(user)
                                                                                    .orElseThrow(
                                                                                            () ->
                                                                                                    BotError
                                                                                                            .badRequest(
                                                                                                                    "user not found"));
                                                                    var m =
                                                                            tx.members()
                                                                                    .get(
                                                                                            t.peer()
                                                                                                    .getChatId(),
                                                                                            user);
                                                                    return (JsonNode)
                                                                            (m.isEmpty()
                                                                                    ? ChatMembers
                                                                                            .member(
                                                                                                    account,
                                                                                                    MemberStatus
                                                                                                            .LEFT,
                                                                                                    0,
                                                                                                    0,
                                                                                                    0,
                                                                                                    false)
                                                                                    : ChatMembers
                                                                                            .member(
                                                                                                    account,
                                                                                                    m.get()
                                                                                                            .status(),
                                                                                                    m.get()
                                                                                                            .adminRights(),
                                                                                                    m.get()
                                                                                                            .bannedRights(),
                                                                                                    m.get()
                                                                                                            .untilDate(),
                                                                                                    t
                                                                                                                    .kind()
                                                                                                            == ChatKind
                                                                                                                    .CHANNEL));
                                                                })));
    }

    private CompletableFuture<JsonNode> createInviteLink(BotService.Session bot, BotParams p) {
        return shared(bot, p)
                .thenCompose(
                        t ->
                                invites.create(
                                        bot.id(),
                                        CreateInviteLink.newBuilder()
                                                .setChatId(t.peer().getChatId())
                                                .setExpireDate(p.longValue("expire_date", 0))
                                                .setUsageLimit((int) p.longValue("member_limit", 0))
                                                .setRequiresApproval(p.bool("creates_join_request"))
                                                .setTitle(p.string("name").orElse(""))
                                                .build()))
                .thenCompose(this::link);
    }

    private CompletableFuture<JsonNode> revokeInviteLink(BotService.Session bot, BotParams p) {
        String link = p.requireString("invite_link");
        String hash = link.startsWith(LINK_PREFIX) ? link.substring(LINK_PREFIX.length()) : link;
        return shared(bot, p)
                .thenCompose(
                        t ->
                                invites.edit(
                                        bot.id(),
                                        EditInviteLink.newBuilder()
                                                .setChatId(t.peer().getChatId())
                                                .setHash(hash)
                                                .setRevoke(true)
                                                .build()))
                .thenCompose(this::link);
    }

    /** Telegram's ChatInviteLink. */
    private CompletableFuture<JsonNode> link(InviteLink l) {
        return store.read(
                tx -> {
                    ObjectNode o =
                            BotJson.object()
                                    .put("invite_link", LINK_PREFIX + l.getHash())
                                    .put("creates_join_request", l.getRequiresApproval())
                                    .put("is_primary", l.getPrimary())
                                    .put("is_revoked", l.getRevoked());
                    tx.accounts()
                            .byId(l.getAdminId())
                            .ifPresent(a -> o.set("creator", TelegramObjects.user(a)));
                    if (!l.getTitle().isEmpty()) {
                        o.put("name", l.getTitle());
                    }
                    if (l.getExpireDate() != 0) {
                        o.put("expire_date", l.getExpireDate());
                    }
                    if (l.getUsageLimit() != 0) {
                        o.put("member_limit", l.getUsageLimit());
                    }
                    if (l.getPendingRequests() != 0) {
                        o.put("pending_join_request_count", l.getPendingRequests());
                    }
                    return (JsonNode) o;
                });
    }

    private CompletableFuture<JsonNode> pin(BotService.Session bot, BotParams p, boolean unpin) {
        return chats.target(bot.id(), p, "chat_id")
                .thenCompose(
                        t -> {
                            if (!p.has("message_id") && unpin && t.shared()) {
                                return queries.info(bot.id(), t.peer().getChatId())
                                        .thenCompose(
                                                i ->
                                                        conversations.pin(
                                                                bot.id(),
                                                                t.peer(),
                                                                i.getChat().getPinnedMessageId(),
                                                                true,
                                                                true));
                            }
                            return conversations.pin(
                                    bot.id(),
                                    t.peer(),
                                    p.requireLong("message_id"),
                                    unpin,
                                    p.bool("disable_notification"));
                        })
                .thenApply(a -> BooleanNode.TRUE);
    }
}
