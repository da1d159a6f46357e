package org.chapar.server.store.postgres;

import org.chapar.server.account.Accounts;
import org.chapar.server.account.AuthorSeeds;
import org.chapar.server.account.ServerKeys;
import org.chapar.server.account.Sessions;
import org.chapar.server.account.UsernameClaims;
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
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UpdateBoxes;

/** The repositories over one PostgreSQL connection; they share its statement cache. */
final class PgTx implements StoreTx {
    final Statements statements;
    private final PgAccounts accounts;
    private final Sessions sessions;
    private final UsernameClaims usernames;
    private final PgChats chats;
    private final PgMessages messages;
    private final PgDialogs dialogs;
    private final UpdateBoxes boxes;
    private final SharedChats sharedChats;
    private final Members members;
    private final ChannelBoxes channelBoxes;
    private final InviteLinks invites;
    private final AdminLog adminLog;
    private final PgPrivacySettings privacy;
    private final ServerKeys serverKeys;
    private final AuthorSeeds authorSeeds;
    private final PgUploads uploads;
    private final PgFiles files;
    private final Bots bots;

    /**
     * {@code writer}: a session of a group-commit writer, whose private chat ids may be cached (a
     * pair's chat never changes once it exists); nothing mutable is cached across transactions.
     */
    PgTx(java.sql.Connection connection, boolean writer, int boxRetention) {
        this.statements = new Statements(connection);
        PgUsernameClaims claims = new PgUsernameClaims(statements);
        this.usernames = claims;
        this.accounts = new PgAccounts(statements, claims);
        this.sessions = new PgSessions(statements);
        this.chats = new PgChats(statements, writer);
        this.dialogs = new PgDialogs(statements);
        this.files = new PgFiles(statements);
        this.uploads = new PgUploads(statements);
        this.messages = new PgMessages(statements, dialogs, files);
        this.boxes = new PgUpdateBoxes(statements, boxRetention);
        this.sharedChats = new PgSharedChats(statements, claims);
        this.members = new PgMembers(statements);
        this.channelBoxes = new PgChannelBoxes(statements, boxRetention);
        this.invites = new PgInviteLinks(statements);
        this.adminLog = new PgAdminLog(statements);
        this.privacy = new PgPrivacySettings(statements);
        this.serverKeys = new PgServerKeys(statements);
        this.authorSeeds = new PgAuthorSeeds(statements);
        this.bots = new PgBots(statements);
    }

    /** Drops what the repositories cached: after a rollback it may not be true any more. */
    void forgetCaches() {
        chats.forgetAll();
    }

    @Override
    public Accounts accounts() {
        return accounts;
    }

    @Override
    public Sessions sessions() {
        return sessions;
    }

    @Override
    public UsernameClaims usernames() {
        return usernames;
    }

    @Override
    public Chats chats() {
        return chats;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public Dialogs dialogs() {
        return dialogs;
    }

    @Override
    public UpdateBoxes boxes() {
        return boxes;
    }

    @Override
    public SharedChats sharedChats() {
        return sharedChats;
    }

    @Override
    public Members members() {
        return members;
    }

    @Override
    public ChannelBoxes channelBoxes() {
        return channelBoxes;
    }

    @Override
    public InviteLinks invites() {
        return invites;
    }

    @Override
    public AdminLog adminLog() {
        return adminLog;
    }

    @Override
    public PrivacySettings privacy() {
        return privacy;
    }

    @Override
    public ServerKeys serverKeys() {
        return serverKeys;
    }

    @Override
    public AuthorSeeds authorSeeds() {
        return authorSeeds;
    }

    @Override
    public Uploads uploads() {
        return uploads;
    }

    @Override
    public Files files() {
        return files;
    }

    @Override
    public Bots bots() {
        return bots;
    }
}
