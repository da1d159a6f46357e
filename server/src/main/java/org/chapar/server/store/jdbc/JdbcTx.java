package org.chapar.server.store.jdbc;

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
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UpdateBoxes;

import java.util.List;

/**
 * The repositories of one connection that both adapters share: accounts, sessions, usernames,
 * chats, members, invites, admin log, privacy, server keys, author seeds, bots' webhooks, messages,
 * dialogs, update and channel boxes, uploads, bots. An adapter's transaction extends it with the
 * repositories of its own (its {@link Files} it hands in, since messages release files).
 */
public abstract class JdbcTx implements StoreTx {
    private final JdbcUsernameClaims usernames;
    private final JdbcAccounts accounts;
    private final JdbcChats chats;
    private final JdbcPrivacySettings privacy;
    private final Sessions sessions;
    private final JdbcSharedChats sharedChats;
    private final Members members;
    private final InviteLinks invites;
    private final AdminLog adminLog;
    private final ServerKeys serverKeys;
    private final AuthorSeeds authorSeeds;
    private final BotWebhooks webhooks;
    private final JdbcDialogs dialogs;
    private final Files files;
    private final Messages messages;
    private final JdbcUpdateBoxes boxes;
    private final ChannelBoxes channelBoxes;
    private final Uploads uploads;
    private final Bots bots;

    /** What the only writer advances in memory and writes per batch; none on other sessions. */
    private final List<BatchCounters> counters;

    /**
     * {@code writer}: a session that changes data, whose repositories may cache ({@link
     * WriterCache}); {@code boxRetention}: how many events a box keeps; {@code files}: the
     * adapter's.
     */
    protected JdbcTx(
            JdbcStatements db, Dialect dialect, boolean writer, int boxRetention, Files files) {
        this.usernames = new JdbcUsernameClaims(db);
        this.accounts = new JdbcAccounts(db, usernames, dialect, writer);
        boolean onlyWriter = writer && dialect.onlyWriter();
        this.chats = new JdbcChats(db, writer, onlyWriter);
        this.privacy = new JdbcPrivacySettings(db, dialect, writer);
        this.sessions = new JdbcSessions(db);
        this.sharedChats = new JdbcSharedChats(db, usernames, writer);
        this.members = new JdbcMembers(db);
        this.invites = new JdbcInviteLinks(db);
        this.adminLog = new JdbcAdminLog(db);
        this.serverKeys = new JdbcServerKeys(db);
        this.authorSeeds = new JdbcAuthorSeeds(db);
        this.webhooks = new JdbcBotWebhooks(db);
        this.dialogs = new JdbcDialogs(db, dialect, writer);
        this.files = files;
        this.messages = new JdbcMessages(db, dialogs, files);
        this.boxes = new JdbcUpdateBoxes(db, boxRetention, onlyWriter);
        this.channelBoxes = new JdbcChannelBoxes(db, boxRetention);
        this.uploads = new JdbcUploads(db);
        this.bots = new JdbcBots(db);
        this.counters = onlyWriter ? List.of(boxes.heads(), chats.lastIds()) : List.of();
    }

    /** A call begins in its savepoint. */
    public void callStarted() {
        sharedChats.callStarted();
        counters.forEach(BatchCounters::callStarted);
    }

    /** The call's savepoint is released: its changes are the batch's. */
    public void callKept() {
        sharedChats.callKept();
        counters.forEach(BatchCounters::callKept);
    }

    /** The call was rolled back to its savepoint. */
    public void callRolledBack() {
        sharedChats.callRolledBack();
        counters.forEach(BatchCounters::callRolledBack);
    }

    /**
     * Whether changes wait for {@link #beforeCommit}: member counts, and on the only writer box
     * heads and last message ids (all coalesced per batch).
     */
    public boolean writesPending() {
        return sharedChats.countsPending() || counters.stream().anyMatch(BatchCounters::pending);
    }

    /** Writes what the batch coalesced; the adapter's commit calls it first. */
    public void beforeCommit() {
        sharedChats.writeCounts();
        counters.forEach(BatchCounters::write);
    }

    /** Drops what the repositories cached: after a rollback it may not be true any more. */
    public void forgetCaches() {
        accounts.forgetAll();
        chats.forgetAll();
        privacy.forgetAll();
        dialogs.forgetAll();
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

    @Override
    public final Messages messages() {
        return messages;
    }

    @Override
    public final Dialogs dialogs() {
        return dialogs;
    }

    @Override
    public final UpdateBoxes boxes() {
        return boxes;
    }

    @Override
    public final ChannelBoxes channelBoxes() {
        return channelBoxes;
    }

    @Override
    public final Uploads uploads() {
        return uploads;
    }

    @Override
    public final Files files() {
        return files;
    }

    @Override
    public final Bots bots() {
        return bots;
    }
}
