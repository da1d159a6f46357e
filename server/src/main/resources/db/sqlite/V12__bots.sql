-- Bot accounts (docs/adr/0015-bot-api.md). A bot is an account with the bot flag: it sends and
-- reads through the same rules as any user. Its Bot API token is "<bot id>:<secret>"; only the
-- SHA-256 of the secret is kept, so a stolen database does not hand out bots.
ALTER TABLE users ADD COLUMN bot INTEGER NOT NULL DEFAULT 0;

CREATE TABLE bots (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    owner_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash BLOB    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    commands    TEXT    NOT NULL DEFAULT '[]',
    -- The bot's update queue is its own common box: confirmed_pts is the last event getUpdates
    -- (or a webhook's 2xx) confirmed; nothing at or below it is delivered again.
    confirmed_pts INTEGER NOT NULL DEFAULT 0,
    webhook_url    TEXT    NOT NULL DEFAULT '',
    webhook_secret TEXT    NOT NULL DEFAULT '',
    created     INTEGER NOT NULL
);
CREATE INDEX bots_by_owner ON bots (owner_id);

-- A message's entities and buttons (a serialized Message holding only those fields; NULL: none),
-- merged into every rendering of it.
ALTER TABLE messages ADD COLUMN markup BLOB;
