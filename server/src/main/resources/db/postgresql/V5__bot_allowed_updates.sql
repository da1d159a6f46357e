-- allowed_updates as getUpdates last set them (Telegram keeps the last value given), comma-joined;
-- '': Telegram's default set. Kept in the store rather than per node, so that a poll on another
-- node of a cluster uses them too.
ALTER TABLE bots ADD COLUMN allowed_updates TEXT NOT NULL DEFAULT '';
