-- The server's own secrets (the access-hash key), kept in the database so that a backup holds
-- everything a restored server needs and two servers of one deployment share them.
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    key  BLOB NOT NULL
);
