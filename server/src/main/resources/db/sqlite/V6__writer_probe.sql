-- One row the writer rewrites while writes are failing (a full disk, say), to learn when the store
-- can write again without waiting for a client's request.
CREATE TABLE writer_probe (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    writes INTEGER NOT NULL
);
