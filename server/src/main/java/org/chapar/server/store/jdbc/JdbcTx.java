package org.chapar.server.store.jdbc;

import org.chapar.server.account.Accounts;
import org.chapar.server.account.AuthorSeeds;
import org.chapar.server.account.ServerKeys;
import org.chapar.server.account.Sessions;
import org.chapar.server.account.UsernameClaims;
import org.chapar.server.bot.BotWebhooks;
import org.chapar.server.chat.AdminLog;
import org.chapar.server.chat.InviteLinks;
import org.chapar.server.chat.Members;
import org.chapar.server.chat.SharedChats;
import org.chapar.server.message.Chats;
import org.chapar.server.privacy.PrivacySettings;
import org.chapar.server.store.StoreTx;

/**
 * The repositories of one connection that both adapters share: accounts, sessions, usernames,
 * chats, members, invites, admin log, privacy, server keys, author seeds and bots' webhooks. An
 * adapter's transaction extends it with the repositories of its own.
 */
public abstract class JdbcTx implements StoreTx {
    private final JdbcUsernameClaims usernames;
    private final JdbcAccounts accounts;
    private final JdbcChats chats;
    private final JdbcPrivacySettings privacy;
    private final Sessions sessions;
    private final SharedChats sharedChats;
    private final Members members;
    private final InviteLinks invites;
    private final AdminLog adminLog;
    private final ServerKeys serverKeys;
    private final AuthorSeeds authorSeeds;
    private final BotWebhooks webhooks;

    /**
     * {@code writer}: a session that changes data, whose repositories may cache ({@link
     * WriterCache}).
     */
    protected JdbcTx(JdbcStatements db, Dialect dialect, boolean writer) {
        this.usernames = new JdbcUsernameClaims(db);
        this.accounts = new JdbcAccounts(db, usernames, dialect, writer);
        this.chats = new JdbcChats(db, writer);
        this.privacy = new JdbcPrivacySettings(db, dialect, writer);
        this.sessions = new JdbcSessions(db);
        this.sharedChats = new JdbcSharedChats(db, usernames);
        this.members = new JdbcMembers(db);
        this.invites = new JdbcInviteLinks(db);
        this.adminLog = new JdbcAdminLog(db);
        this.serverKeys = new JdbcServerKeys(db);
        this.authorSeeds = new JdbcAuthorSeeds(db);
        this.webhooks = new JdbcBotWebhooks(db);
    }

    /** Drops what the repositories cached: after a rollback it may not be true any more. */
    public void forgetCaches() {
        accounts.forgetAll();
        chats.forgetAll();
        privacy.forgetAll();
    }

    @Override
    public final Accounts accounts() {
        return accounts;
    }

    @Override
    public final Sessions sessions() {
        return sessions;
    }

    @Override
    public final UsernameClaims usernames() {
        return usernames;
    }

    @Override
    public final Chats chats() {
        return chats;
    }

    @Override
    public final SharedChats sharedChats() {
        return sharedChats;
    }

    @Override
    public final Members members() {
        return members;
    }

    @Override
    public final InviteLinks invites() {
        return invites;
    }

    @Override
    public final AdminLog adminLog() {
        return adminLog;
    }

    @Override
    public final PrivacySettings privacy() {
        return privacy;
    }

    @Override
    public final ServerKeys serverKeys() {
        return serverKeys;
    }

    @Override
    public final AuthorSeeds authorSeeds() {
        return authorSeeds;
    }

    @Override
    public final BotWebhooks webhooks() {
        return webhooks;
    }
}
