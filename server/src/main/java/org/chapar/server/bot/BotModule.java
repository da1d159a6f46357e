package org.chapar.server.bot;

import org.chapar.server.bus.Bus;
import org.chapar.server.chat.ChatAdminService;
import org.chapar.server.chat.ChatQueries;
import org.chapar.server.chat.ChatService;
import org.chapar.server.chat.InviteService;
import org.chapar.server.gateway.Dispatcher;
import org.chapar.server.gateway.HttpRoutes;
import org.chapar.server.media.FileTransfers;
import org.chapar.server.message.Conversations;
import org.chapar.server.presence.PresenceService;
import org.chapar.server.store.Store;
import org.chapar.server.sync.SyncService;
import org.chapar.server.sync.Writes;

import java.time.Clock;
import java.util.Optional;

/** Wires the Bot API from the services a user's client goes through, and registers its route. */
public final class BotModule {
    private BotModule() {}

    /** The services the Bot API translates to. */
    public record Services(
            Store store,
            Clock clock,
            Bus bus,
            BotService bots,
            Conversations conversations,
            ChatQueries chatQueries,
            PresenceService presence,
            SyncService sync,
            Writes writes,
            ChatService chatService,
            ChatAdminService chatAdmin,
            InviteService invites,
            long node,
            WebhookRules webhooks,
            FileTransfers files) {}

    /**
     * The Bot API's HTTP route and the bot requests of users' clients; the webhook senders start
     * now, and stop when the returned handle is closed (before the store closes).
     */
    public static AutoCloseable register(Services s, HttpRoutes routes, Dispatcher dispatcher) {
        BotInstances instances = new BotInstances(s.clock());
        BotApi api = new BotApi(s.bots(), instances);
        BotCallbacks callbacks = new BotCallbacks(s.conversations(), s.writes());
        callbacks.register(api);
        new BotHandlers(s.bots(), callbacks).register(dispatcher);
        BotChats chats = new BotChats(s.store(), s.chatQueries());
        BotFileIds fileIds = BotFileIds.of(s.store());
        BotUpdates updates =
                new BotUpdates(s.store(), s.sync(), s.bus(), fileIds, s.clock(), instances);
        Optional<BotFather> father = BotFather.open(s.store(), s.bots(), s.conversations());
        WebhookDelivery delivery =
                new WebhookDelivery(
                        s.store(),
                        updates,
                        s.bus(),
                        s.clock(),
                        s.node(),
                        s.webhooks(),
                        api::webhookReply,
                        father);
        WebhookMethods webhooks = new WebhookMethods(s.store(), updates, delivery, s.webhooks());
        webhooks.register(api);
        new SelfMethods(s.store(), updates, webhooks, instances).register(api);
        new ChatMethods(
                        s.store(),
                        chats,
                        s.chatQueries(),
                        s.chatService(),
                        s.invites(),
                        s.conversations())
                .register(api);
        new MemberMethods(s.store(), chats, s.chatAdmin(), s.invites()).register(api);
        BotSendLimits limits = new BotSendLimits(BotSendLimits.Rules.telegram(), s.clock());
        new MessageMethods(s.store(), s.conversations(), s.presence(), chats, limits, fileIds)
                .register(api);
        new MediaMethods(s.store(), s.conversations(), chats, limits, fileIds, s.files())
                .register(api);
        new BotFiles(s.store(), s.bots(), fileIds, s.files()).register(api, routes);
        api.register(routes);
        delivery.start();
        return delivery;
    }
}
