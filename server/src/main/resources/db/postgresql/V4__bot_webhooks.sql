-- Bot webhooks (docs/adr/0021-bot-webhooks.md): the embedded store's db/sqlite/V13 for
-- PostgreSQL. One row per bot that has a webhook; lease_node/lease_until name the node whose
-- sender delivers its updates and until when (epoch seconds) that claim holds.
CREATE TABLE bot_webhooks (
    user_id            bigint PRIMARY KEY REFERENCES bots (user_id) ON DELETE CASCADE,
    url                text   NOT NULL,
    secret             text   NOT NULL DEFAULT '',
    max_connections    bigint NOT NULL DEFAULT 40,
    -- update kinds joined by commas (message,callback_query); '': Telegram's default set
    allowed_updates    text   NOT NULL DEFAULT '',
    last_error_date    bigint NOT NULL DEFAULT 0,
    last_error_message text   NOT NULL DEFAULT '',
    lease_node         bigint NOT NULL DEFAULT 0,
    lease_until        bigint NOT NULL DEFAULT 0
);

-- The two columns V3 kept for a webhook move into the table above.
INSERT INTO bot_webhooks (user_id, url, secret)
    SELECT user_id, webhook_url, webhook_secret FROM bots WHERE webhook_url <> '';
ALTER TABLE bots DROP COLUMN webhook_url;
ALTER TABLE bots DROP COLUMN webhook_secret;
