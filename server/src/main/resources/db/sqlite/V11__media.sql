-- Media (issue 16, docs/adr/0013-media.md). Bytes live in the BlobStore; these tables say which
-- blob holds what, who is uploading what, and which messages use which file.

-- tus uploads, from creation until a message uses the upload, it is terminated or it expires.
-- expires: unix ms; an unfinished upload's moves on with every PATCH. file_id: set when finished.
CREATE TABLE uploads (
    id       TEXT    NOT NULL PRIMARY KEY,
    user_id  INTEGER NOT NULL,
    length   INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    metadata TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    mime     TEXT    NOT NULL,
    created  INTEGER NOT NULL,
    expires  INTEGER NOT NULL,
    file_id  TEXT
) WITHOUT ROWID;
CREATE INDEX uploads_by_user ON uploads (user_id);
CREATE INDEX uploads_by_expiry ON uploads (expires);
CREATE INDEX uploads_by_file ON uploads (file_id);

-- Content, stored once: the blob key holding the bytes with this SHA-256 and how many files and
-- thumbnails use it. Keys are random and never reused, so a purge cannot hit a later copy.
CREATE TABLE blobs (
    sha256 TEXT    NOT NULL PRIMARY KEY,
    key    TEXT    NOT NULL UNIQUE,
    size   INTEGER NOT NULL,
    refs   INTEGER NOT NULL
) WITHOUT ROWID;

-- Blob keys no row uses any more, to be removed from the BlobStore after the commit.
CREATE TABLE blob_purges (
    key TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;

-- A file as clients know it (by an unguessable id); refs: the messages that use it.
CREATE TABLE files (
    id      TEXT    NOT NULL PRIMARY KEY,
    sha256  BLOB    NOT NULL,
    size    INTEGER NOT NULL,
    mime    TEXT    NOT NULL,
    name    TEXT    NOT NULL,
    width   INTEGER NOT NULL DEFAULT 0,
    height  INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL,
    refs    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE file_thumbs (
    file_id TEXT    NOT NULL,
    type    TEXT    NOT NULL,
    sha256  BLOB    NOT NULL,
    width   INTEGER NOT NULL,
    height  INTEGER NOT NULL,
    size    INTEGER NOT NULL,
    PRIMARY KEY (file_id, type)
) WITHOUT ROWID;

-- Which files each message uses (its media and a video's poster): downloads are allowed to those
-- who can see one of these messages, and the last one's deletion purges the file.
CREATE TABLE message_files (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    file_id    TEXT    NOT NULL,
    PRIMARY KEY (chat_id, message_id, file_id)
) WITHOUT ROWID;
CREATE INDEX message_files_by_file ON message_files (file_id);

ALTER TABLE messages ADD COLUMN media BLOB;
ALTER TABLE messages ADD COLUMN grouped_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_by_album ON messages (chat_id, grouped_id) WHERE grouped_id <> 0;
