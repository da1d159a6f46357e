-- Media (issue 16, docs/adr/0013-media.md): the embedded store's db/sqlite/V11 for PostgreSQL.
-- Bytes live in the BlobStore; these tables say which blob holds what, who is uploading what, and
-- which messages use which file. Content hashes are hex text on both adapters (the SQLite column
-- is declared BLOB but holds the same text), so that a migrated row keeps its checksum.

-- tus uploads, from creation until a message uses the upload, it is terminated or it expires.
-- expires: unix ms; an unfinished upload's moves on with every PATCH. file_id: set when finished.
CREATE TABLE uploads (
    id       text   PRIMARY KEY,
    user_id  bigint NOT NULL,
    length   bigint NOT NULL,
    received bigint NOT NULL DEFAULT 0,
    metadata text   NOT NULL,
    name     text   NOT NULL,
    mime     text   NOT NULL,
    created  bigint NOT NULL,
    expires  bigint NOT NULL,
    file_id  text
);
CREATE INDEX uploads_by_user ON uploads (user_id);
CREATE INDEX uploads_by_expiry ON uploads (expires);
CREATE INDEX uploads_by_file ON uploads (file_id);

-- Content, stored once: the blob key holding the bytes with this SHA-256 and how many files and
-- thumbnails use it. Keys are random and never reused, so a purge cannot hit a later copy. The
-- primary key decides a race between two nodes storing the same content (Files.adoptBlob).
CREATE TABLE blobs (
    sha256 text   PRIMARY KEY,
    key    text   NOT NULL UNIQUE,
    size   bigint NOT NULL,
    refs   bigint NOT NULL
);

-- Blob keys no row uses any more, to be removed from the BlobStore after the commit.
CREATE TABLE blob_purges (
    key text PRIMARY KEY
);

-- A file as clients know it (by an unguessable id); refs: the messages that use it.
CREATE TABLE files (
    id      text   PRIMARY KEY,
    sha256  text   NOT NULL,
    size    bigint NOT NULL,
    mime    text   NOT NULL,
    name    text   NOT NULL,
    width   bigint NOT NULL DEFAULT 0,
    height  bigint NOT NULL DEFAULT 0,
    created bigint NOT NULL,
    refs    bigint NOT NULL DEFAULT 0
);

CREATE TABLE file_thumbs (
    file_id text   NOT NULL,
    type    text   NOT NULL,
    sha256  text   NOT NULL,
    width   bigint NOT NULL,
    height  bigint NOT NULL,
    size    bigint NOT NULL,
    PRIMARY KEY (file_id, type)
);

-- Which files each message uses (its media and a video's poster): downloads are allowed to those
-- who can see one of these messages, and the last one's deletion purges the file. Leads with the
-- chat, as messages do (sharding, V1).
CREATE TABLE message_files (
    chat_id    bigint NOT NULL,
    message_id bigint NOT NULL,
    file_id    text   NOT NULL,
    PRIMARY KEY (chat_id, message_id, file_id)
);
CREATE INDEX message_files_by_file ON message_files (file_id);

ALTER TABLE messages ADD COLUMN media bytea;
ALTER TABLE messages ADD COLUMN grouped_id bigint NOT NULL DEFAULT 0;
CREATE INDEX messages_by_album ON messages (chat_id, grouped_id) WHERE grouped_id <> 0;
