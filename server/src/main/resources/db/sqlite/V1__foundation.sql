-- Accounts, sessions, private chats, messages, chat lists and the per-user common boxes.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created       INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL DEFAULT 0,
    pts           INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  BLOB    NOT NULL UNIQUE,
    device      TEXT    NOT NULL,
    created     INTEGER NOT NULL,
    last_active INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE chats (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            INTEGER NOT NULL,
    last_message_id INTEGER NOT NULL DEFAULT 0,
    created         INTEGER NOT NULL
);

CREATE TABLE private_chats (
    user_lo INTEGER NOT NULL,
    user_hi INTEGER NOT NULL,
    chat_id INTEGER NOT NULL UNIQUE REFERENCES chats (id),
    PRIMARY KEY (user_lo, user_hi)
) WITHOUT ROWID;

CREATE TABLE messages (
    chat_id     INTEGER NOT NULL,
    id          INTEGER NOT NULL,
    from_id     INTEGER NOT NULL,
    date        INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    reply_to_id INTEGER NOT NULL DEFAULT 0,
    edit_date   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, id)
) WITHOUT ROWID;

-- Messages one user deleted for themself only.
CREATE TABLE hidden_messages (
    user_id    INTEGER NOT NULL,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, chat_id, message_id)
) WITHOUT ROWID;
CREATE INDEX hidden_messages_by_message ON hidden_messages (chat_id, message_id);

-- The result of each send by random_id, so that retries are answered, not repeated.
CREATE TABLE sent_random_ids (
    user_id    INTEGER NOT NULL,
    random_id  INTEGER NOT NULL,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    pts        INTEGER NOT NULL,
    PRIMARY KEY (user_id, random_id)
) WITHOUT ROWID;
CREATE INDEX sent_random_ids_by_message ON sent_random_ids (chat_id, message_id);

CREATE TABLE dialogs (
    user_id            INTEGER NOT NULL,
    chat_id            INTEGER NOT NULL,
    peer_user_id       INTEGER NOT NULL,
    top_message_id     INTEGER NOT NULL,
    top_date           INTEGER NOT NULL,
    read_inbox_max_id  INTEGER NOT NULL DEFAULT 0,
    read_outbox_max_id INTEGER NOT NULL DEFAULT 0,
    unread_count       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, chat_id)
) WITHOUT ROWID;
CREATE INDEX dialogs_by_recency ON dialogs (user_id, top_date DESC, chat_id DESC);

CREATE TABLE box_events (
    user_id    INTEGER NOT NULL,
    pts        INTEGER NOT NULL,
    pts_count  INTEGER NOT NULL,
    kind       INTEGER NOT NULL,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    data       BLOB    NOT NULL,
    date       INTEGER NOT NULL,
    PRIMARY KEY (user_id, pts)
) WITHOUT ROWID;
CREATE INDEX box_events_by_message ON box_events (chat_id, message_id) WHERE message_id <> 0;
