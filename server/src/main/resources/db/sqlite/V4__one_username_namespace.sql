-- One namespace for the @names of users and public chats (see account/Usernames): the key is the
-- name's skeleton, folded for case and for look-alikes, so no two owners hold names that read
-- alike. Exactly one of user_id and chat_id is set; deleting the owner frees the name.
CREATE TABLE usernames (
    skeleton TEXT PRIMARY KEY,
    user_id  INTEGER UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    chat_id  INTEGER UNIQUE REFERENCES shared_chats (chat_id) ON DELETE CASCADE,
    CHECK ((user_id IS NULL) <> (chat_id IS NULL))
) WITHOUT ROWID;

-- Existing names, oldest first: where two already read alike, the older keeps the name and the
-- younger can no longer be found by it (it still logs in with its own username).
-- The replace() chain is Usernames.skeleton: change both or neither.
INSERT OR IGNORE INTO usernames (skeleton, user_id, chat_id)
SELECT replace(replace(replace(replace(replace(name_key, '0', 'o'), '1', 'l'), 'i', 'l'),
                       'rn', 'm'), 'vv', 'w'),
       user_id, chat_id
FROM (SELECT username_key AS name_key, id AS user_id, NULL AS chat_id, created FROM users
      UNION ALL
      SELECT username_key, NULL, chat_id, created FROM shared_chats
      WHERE username_key IS NOT NULL)
ORDER BY created, user_id IS NULL;

-- Devices that logged in to an account before: only the SHA-256 of the random cookie the server
-- gave them. A login that presents one is counted apart from a stranger's guesses.
CREATE TABLE known_devices (
    cookie_hash BLOB    NOT NULL PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX known_devices_by_user ON known_devices (user_id, created);
