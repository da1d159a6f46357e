package org.chapar.server.store.sqlite;

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

/** The repositories over one SQLite connection; they share its statement cache. */
final class SqliteTx implements StoreTx {
    final Statements statements;
    private final SqliteAccounts accounts;
    private final Sessions sessions;
    private final UsernameClaims usernames;
    private final SqliteChats chats;
    private final SqliteMessages messages;
    private final SqliteDialogs dialogs;
    private final UpdateBoxes boxes;
    private final SharedChats sharedChats;
    private final Members members;
    private final ChannelBoxes channelBoxes;
    private final InviteLinks invites;
    private final AdminLog adminLog;
    private final SqlitePrivacySettings privacy;
    private final ServerKeys serverKeys;
    private final AuthorSeeds authorSeeds;
    private final SqliteUploads uploads;
    private final SqliteFiles files;
    private final Bots bots;

    /** {@code writer}: the one connection that changes data, whose repositories may cache. */
    SqliteTx(java.sql.Connection connection, boolean writer, int boxRetention) {
        this.statements = new Statements(connection);
        SqliteUsernameClaims claims = new SqliteUsernameClaims(statements);
        this.usernames = claims;
        this.accounts = new SqliteAccounts(statements, claims, writer);
        this.sessions = new SqliteSessions(statements);
        this.chats = new SqliteChats(statements, writer);
        this.dialogs = new SqliteDialogs(statements, writer);
        this.files = new SqliteFiles(statements);
        this.uploads = new SqliteUploads(statements);
        this.messages = new SqliteMessages(statements, dialogs, files);
        this.boxes = new SqliteUpdateBoxes(statements, boxRetention);
        this.sharedChats = new SqliteSharedChats(statements, claims);
        this.members = new SqliteMembers(statements);
        this.channelBoxes = new SqliteChannelBoxes(statements, boxRetention);
        this.invites = new SqliteInviteLinks(statements);
        this.adminLog = new SqliteAdminLog(statements);
        this.privacy = new SqlitePrivacySettings(statements, writer);
        this.serverKeys = new SqliteServerKeys(statements);
        this.authorSeeds = new SqliteAuthorSeeds(statements);
        this.bots = new SqliteBots(statements);
    }

    /** Drops what the repositories cached: after a rollback it may not be true any more. */
    void forgetCaches() {
        accounts.forgetAll();
        chats.forgetAll();
        dialogs.forgetAll();
        privacy.forgetAll();
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
