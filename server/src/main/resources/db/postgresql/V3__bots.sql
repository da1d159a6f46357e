-- Bot accounts (docs/adr/0015-bot-api.md): the embedded store's db/sqlite/V12 for PostgreSQL. A
-- bot is an account with the bot flag (an integer 0/1, as every flag here: V1). Its Bot API token
-- is "<bot id>:<secret>"; only the SHA-256 of the secret is kept.
ALTER TABLE users ADD COLUMN bot bigint NOT NULL DEFAULT 0;

CREATE TABLE bots (
    user_id        bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    owner_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash    bytea  NOT NULL,
    description    text   NOT NULL DEFAULT '',
    commands       text   NOT NULL DEFAULT '[]',
    -- The bot's update queue is its own common box: confirmed_pts is the last event getUpdates
    -- (or a webhook's 2xx) confirmed; nothing at or below it is delivered again.
    confirmed_pts  bigint NOT NULL DEFAULT 0,
    webhook_url    text   NOT NULL DEFAULT '',
    webhook_secret text   NOT NULL DEFAULT '',
    created        bigint NOT NULL
);
CREATE INDEX bots_by_owner ON bots (owner_id);

-- A message's entities and buttons (a serialized Message holding only those fields; NULL: none),
-- merged into every rendering of it.
ALTER TABLE messages ADD COLUMN markup bytea;
