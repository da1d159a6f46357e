-- Author tags (docs/adr/0012-author-tags.md). A post stored without its author (from_id 0) keeps
-- the 32 bytes its author's client made with a key only the author's devices hold, so that they
-- recognise the post while nobody else, the server included, can.
ALTER TABLE messages ADD COLUMN author_tag BLOB;

-- Each account's salt for that key (the key is derived from it and the password, on the client).
-- It goes with the account: once the row is deleted the key cannot be derived again, even with the
-- password.
CREATE TABLE author_seeds (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    seed    BLOB    NOT NULL
);
INSERT INTO author_seeds (user_id, seed) SELECT id, randomblob(16) FROM users;
