package org.chapar.server.store.sqlite;

import org.chapar.server.account.Accounts;
import org.chapar.server.account.Sessions;
import org.chapar.server.message.Chats;
import org.chapar.server.message.Dialogs;
import org.chapar.server.message.Messages;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UpdateBoxes;

/** The repositories over one SQLite connection; they share its statement cache. */
final class SqliteTx implements StoreTx {
    final Statements statements;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Chats chats;
    private final Messages messages;
    private final Dialogs dialogs;
    private final UpdateBoxes boxes;

    /** {@code writer}: the one connection that changes data, whose repositories may cache. */
    SqliteTx(java.sql.Connection connection, boolean writer, int boxRetention) {
        this.statements = new Statements(connection);
        this.accounts = new SqliteAccounts(statements, writer);
        this.sessions = new SqliteSessions(statements);
        this.chats = new SqliteChats(statements);
        this.messages = new SqliteMessages(statements);
        this.dialogs = new SqliteDialogs(statements);
        this.boxes = new SqliteUpdateBoxes(statements, boxRetention);
    }

    /** Drops what the repositories cached: after a rollback it may not be true any more. */
    void forgetCaches() {
        ((SqliteAccounts) accounts).forgetAll();
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
}
