-- Privacy settings (a user without a row has the defaults: PARTNERS for both), and an index
-- that answers "has this user written in this chat" without scanning the chat.

CREATE TABLE privacy_settings (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    last_seen     INTEGER NOT NULL,
    group_invites INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX messages_by_sender ON messages (chat_id, from_id);
