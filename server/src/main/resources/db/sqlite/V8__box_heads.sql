-- The head (pts) of each user's common box, kept as a counter row and advanced atomically by the
-- append that writes the event (docs/adr/0008-store-concurrency.md): computing max(pts) + 1 from
-- the events is correct only while one writer runs. Trimming never removes a box's newest event,
-- so the newest event's pts is the head.
CREATE TABLE box_heads (
    user_id INTEGER PRIMARY KEY,
    pts     INTEGER NOT NULL
);
INSERT INTO box_heads (user_id, pts)
SELECT user_id, max(pts) FROM box_events GROUP BY user_id;

-- Never used: the box head lives in box_heads.
ALTER TABLE users DROP COLUMN pts;
