package org.chapar.server.store.postgres;

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
 * The repositories over one PostgreSQL connection; they share its statement cache. Those both
 * adapters share come from {@link JdbcTx}.
 */
final class PgTx extends JdbcTx {
    final Statements statements;
    private final PgMessages messages;
    private final PgDialogs dialogs;
    private final UpdateBoxes boxes;
    private final ChannelBoxes channelBoxes;
    private final PgUploads uploads;
    private final PgFiles files;
    private final Bots bots;

    /**
     * {@code writer}: a session of a group-commit writer, whose private chat ids may be cached (a
     * pair's chat never changes once it exists); nothing mutable is cached across transactions.
     */
    PgTx(Connection connection, boolean writer, int boxRetention) {
        this(new Statements(connection), writer, boxRetention);
    }

    private PgTx(Statements statements, boolean writer, int boxRetention) {
        super(statements, PgDialect.INSTANCE, writer);
        this.statements = statements;
        this.dialogs = new PgDialogs(statements);
        this.files = new PgFiles(statements);
        this.uploads = new PgUploads(statements);
        this.messages = new PgMessages(statements, dialogs, files);
        this.boxes = new PgUpdateBoxes(statements, boxRetention);
        this.channelBoxes = new PgChannelBoxes(statements, boxRetention);
        this.bots = new PgBots(statements);
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
