package org.chapar.server.store.jdbc;

import org.chapar.server.bot.BotWebhooks;
import org.chapar.server.bot.WebhookRecord;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks in both dialects. A claim is one conditional UPDATE, so two nodes claiming the same
 * webhook at once end with one holder: the row lock (PostgreSQL) or the single writer (SQLite)
 * orders them and the second finds the lease taken.
 */
final class JdbcBotWebhooks implements BotWebhooks {
    private static final String COLUMNS =
            "user_id, url, secret, max_connections, allowed_updates, last_error_date,"
                    + " last_error_message, lease_node, lease_until";

    private final JdbcStatements db;

    JdbcBotWebhooks(JdbcStatements db) {
        this.db = db;
    }

    private static WebhookRecord row(ResultSet rs) throws SQLException {
        String kinds = rs.getString(5);
        return new WebhookRecord(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                kinds.isEmpty() ? List.of() : Arrays.asList(kinds.split(",")),
                rs.getLong(6),
                rs.getString(7),
                rs.getLong(8),
                rs.getLong(9));
    }

    @Override
    public void set(
            long botId,
            String url,
            String secret,
            int maxConnections,
            List<String> allowedUpdates,
            long node,
            long leaseUntil) {
        String kinds = String.join(",", allowedUpdates);
        db.update(
                "INSERT INTO bot_webhooks (user_id, url, secret, max_connections, allowed_updates,"
                        + " lease_node, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET url = excluded.url,"
                        + " secret = excluded.secret, max_connections = excluded.max_connections,"
                        + " allowed_updates = excluded.allowed_updates, last_error_date = 0,"
                        + " last_error_message = '', lease_node = excluded.lease_node,"
                        + " lease_until = excluded.lease_until",
                botId,
                url,
                secret,
                maxConnections,
                kinds,
                node,
                leaseUntil);
    }

    @Override
    public boolean delete(long botId) {
        return db.update("DELETE FROM bot_webhooks WHERE user_id = ?", botId) > 0;
    }

    @Override
    public Optional<WebhookRecord> byBot(long botId) {
        return db.one(
                "SELECT " + COLUMNS + " FROM bot_webhooks WHERE user_id = ?",
                JdbcBotWebhooks::row,
                botId);
    }

    @Override
    public void failed(long botId, long date, String message) {
        db.update(
                "UPDATE bot_webhooks SET last_error_date = ?, last_error_message = ?"
                        + " WHERE user_id = ?",
                date,
                message,
                botId);
    }

    @Override
    public boolean claim(long botId, long node, long now, long leaseUntil) {
        return db.update(
                        "UPDATE bot_webhooks SET lease_node = ?, lease_until = ? WHERE user_id = ?"
                                + " AND (lease_node = ? OR lease_until < ?)",
                        node,
                        leaseUntil,
                        botId,
                        node,
                        now)
                > 0;
    }

    @Override
    public List<Long> claimable(long node, long now) {
        return db.list(
                "SELECT user_id FROM bot_webhooks WHERE lease_node = ? OR lease_until < ?"
                        + " ORDER BY user_id",
                rs -> rs.getLong(1),
                node,
                now);
    }

    @Override
    public void release(long node) {
        db.update("UPDATE bot_webhooks SET lease_until = 0 WHERE lease_node = ?", node);
    }
}
