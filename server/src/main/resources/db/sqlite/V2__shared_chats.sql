-- Groups, supergroups and channels: chat details, members, the per-chat boxes of supergroups
-- and channels, invite links, join requests, the admin log, views and mentions.

-- One row per shared chat (chats.kind 2 group, 3 supergroup, 4 channel).
CREATE TABLE shared_chats (
    chat_id        INTEGER PRIMARY KEY,
    title          TEXT    NOT NULL,
    about          TEXT    NOT NULL DEFAULT '',
    username       TEXT,
    username_key   TEXT UNIQUE,
    creator_id     INTEGER NOT NULL,
    signatures     INTEGER NOT NULL DEFAULT 0,
    slow_mode      INTEGER NOT NULL DEFAULT 0,
    default_banned INTEGER NOT NULL DEFAULT 0,
    pts            INTEGER NOT NULL DEFAULT 0,
    members_count  INTEGER NOT NULL DEFAULT 0,
    pinned_id      INTEGER NOT NULL DEFAULT 0,
    created        INTEGER NOT NULL
) WITHOUT ROWID;

-- status: 1 member, 2 admin, 3 creator, 4 left, 5 banned. Rights and restrictions are bit sets.
CREATE TABLE chat_members (
    chat_id       INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    status        INTEGER NOT NULL,
    admin_rights  INTEGER NOT NULL DEFAULT 0,
    banned_rights INTEGER NOT NULL DEFAULT 0,
    until_date    INTEGER NOT NULL DEFAULT 0,
    joined        INTEGER NOT NULL,
    inviter_id    INTEGER NOT NULL DEFAULT 0,
    promoted_by   INTEGER NOT NULL DEFAULT 0,
    last_send_ms  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
) WITHOUT ROWID;
CREATE INDEX chat_members_by_user ON chat_members (user_id, chat_id);

-- The own box of each supergroup and channel: one event per change, never one per member.
CREATE TABLE channel_events (
    chat_id    INTEGER NOT NULL,
    pts        INTEGER NOT NULL,
    pts_count  INTEGER NOT NULL,
    kind       INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    data       BLOB    NOT NULL,
    date       INTEGER NOT NULL,
    PRIMARY KEY (chat_id, pts)
) WITHOUT ROWID;
CREATE INDEX channel_events_by_message ON channel_events (chat_id, message_id) WHERE message_id <> 0;

CREATE TABLE invite_links (
    hash              TEXT    NOT NULL PRIMARY KEY,
    chat_id           INTEGER NOT NULL,
    admin_id          INTEGER NOT NULL,
    created           INTEGER NOT NULL,
    expire_date       INTEGER NOT NULL DEFAULT 0,
    usage_limit       INTEGER NOT NULL DEFAULT 0,
    usage             INTEGER NOT NULL DEFAULT 0,
    requires_approval INTEGER NOT NULL DEFAULT 0,
    revoked           INTEGER NOT NULL DEFAULT 0,
    is_primary        INTEGER NOT NULL DEFAULT 0,
    title             TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX invite_links_by_chat ON invite_links (chat_id, created);

CREATE TABLE join_requests (
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    date    INTEGER NOT NULL,
    hash    TEXT    NOT NULL,
    PRIMARY KEY (chat_id, user_id)
) WITHOUT ROWID;

-- Who did what, for admins only; entries older than 48 hours are purged.
CREATE TABLE admin_log (
    chat_id        INTEGER NOT NULL,
    id             INTEGER NOT NULL,
    date           INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    action         TEXT    NOT NULL,
    target_user_id INTEGER NOT NULL DEFAULT 0,
    message_id     INTEGER NOT NULL DEFAULT 0,
    details        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (chat_id, id)
) WITHOUT ROWID;
CREATE INDEX admin_log_by_date ON admin_log (date);

-- One row per account that viewed a post, so a view counts once.
CREATE TABLE message_views (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    PRIMARY KEY (chat_id, message_id, user_id)
) WITHOUT ROWID;

-- Unread @mentions of a member.
CREATE TABLE mentions (
    chat_id    INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (chat_id, user_id, message_id)
) WITHOUT ROWID;
CREATE INDEX mentions_by_message ON mentions (chat_id, message_id);

ALTER TABLE messages ADD COLUMN views INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN forwards INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN post_author TEXT NOT NULL DEFAULT '';
-- A serialized ForwardHeader / MessageAction, empty when not forwarded / not a service message.
ALTER TABLE messages ADD COLUMN fwd BLOB;
ALTER TABLE messages ADD COLUMN action BLOB;
