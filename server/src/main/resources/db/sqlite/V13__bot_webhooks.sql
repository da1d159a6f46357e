-- Bot webhooks (docs/adr/0021-bot-webhooks.md): where a bot's updates are POSTed instead of
-- being fetched by getUpdates. One row per bot that has one; no row: getUpdates serves the bot.
-- lease_node/lease_until name the node whose sender delivers them (one sender per bot) and until
-- when (epoch seconds) its claim holds; a node that stops cleanly releases it at once.
CREATE TABLE bot_webhooks (
    user_id            INTEGER PRIMARY KEY REFERENCES bots (user_id) ON DELETE CASCADE,
    url                TEXT    NOT NULL,
    secret             TEXT    NOT NULL DEFAULT '',
    max_connections    INTEGER NOT NULL DEFAULT 40,
    -- update kinds joined by commas (message,callback_query); '': Telegram's default set
    allowed_updates    TEXT    NOT NULL DEFAULT '',
    last_error_date    INTEGER NOT NULL DEFAULT 0,
    last_error_message TEXT    NOT NULL DEFAULT '',
    lease_node         INTEGER NOT NULL DEFAULT 0,
    lease_until        INTEGER NOT NULL DEFAULT 0
);

-- The two columns V12 kept for a webhook move into the table above.
INSERT INTO bot_webhooks (user_id, url, secret)
    SELECT user_id, webhook_url, webhook_secret FROM bots WHERE webhook_url <> '';
ALTER TABLE bots DROP COLUMN webhook_url;
ALTER TABLE bots DROP COLUMN webhook_secret;
