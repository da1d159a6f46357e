package org.chapar.server.store;

import org.chapar.server.account.Accounts;
import org.chapar.server.account.AuthorSeeds;
import org.chapar.server.account.ServerKeys;
import org.chapar.server.account.Sessions;
import org.chapar.server.account.UsernameClaims;
import org.chapar.server.bot.BotWebhooks;
import org.chapar.server.bot.Bots;
import org.chapar.server.chat.AdminLog;
import org.chapar.server.chat.ChannelBoxes;
import org.chapar.server.chat.InviteLinks;
import org.chapar.server.chat.Members;
import org.chapar.server.chat.SharedChats;
import org.chapar.server.media.Files;
import org.chapar.server.media.Uploads;
import org.chapar.server.message.Chats;
import org.chapar.server.message.Dialogs;
import org.chapar.server.message.Messages;
import org.chapar.server.privacy.PrivacySettings;
import org.chapar.server.sync.UpdateBoxes;

/**
 * The repositories of one transaction. Valid only inside the work function it was given to. What
 * each write needs of the database when other transactions write beside it is said on each
 * repository and in docs/adr/0008-store-concurrency.md.
 */
public interface StoreTx {
    Accounts accounts();

    Sessions sessions();

    UsernameClaims usernames();

    Chats chats();

    Messages messages();

    Dialogs dialogs();

    UpdateBoxes boxes();

    SharedChats sharedChats();

    Members members();

    ChannelBoxes channelBoxes();

    InviteLinks invites();

    AdminLog adminLog();

    PrivacySettings privacy();

    ServerKeys serverKeys();

    AuthorSeeds authorSeeds();

    Uploads uploads();

    Files files();

    Bots bots();

    BotWebhooks webhooks();
}
