package org.chapar.server.store.sqlite;

import org.chapar.server.bot.Bots;
import org.chapar.server.chat.ChannelBoxes;
import org.chapar.server.media.Files;
import org.chapar.server.media.Uploads;
import org.chapar.server.message.Dialogs;
import org.chapar.server.message.Messages;
import org.chapar.server.store.jdbc.JdbcTx;
import org.chapar.server.sync.UpdateBoxes;

import java.sql.Connection;

/**
 * The repositories over one SQLite connection; they share its statement cache. Those both adapters
 * share come from {@link JdbcTx}.
 */
final class SqliteTx extends JdbcTx {
    final Statements statements;
    private final SqliteMessages messages;
    private final SqliteDialogs dialogs;
    private final UpdateBoxes boxes;
    private final ChannelBoxes channelBoxes;
    private final SqliteUploads uploads;
    private final SqliteFiles files;
    private final Bots bots;

    /** {@code writer}: the one connection that changes data, whose repositories may cache. */
    SqliteTx(Connection connection, boolean writer, int boxRetention) {
        this(new Statements(connection), writer, boxRetention);
    }

    private SqliteTx(Statements statements, boolean writer, int boxRetention) {
        super(statements, SqliteDialect.INSTANCE, writer);
        this.statements = statements;
        this.dialogs = new SqliteDialogs(statements, writer);
        this.files = new SqliteFiles(statements);
        this.uploads = new SqliteUploads(statements);
        this.messages = new SqliteMessages(statements, dialogs, files);
        this.boxes = new SqliteUpdateBoxes(statements, boxRetention);
        this.channelBoxes = new SqliteChannelBoxes(statements, boxRetention);
        this.bots = new SqliteBots(statements);
    }

    /** Drops what the repositories cached: after a rollback it may not be true any more. */
    @Override
    public void forgetCaches() {
        super.forgetCaches();
        dialogs.forgetAll();
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
    public ChannelBoxes channelBoxes() {
        return channelBoxes;
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
