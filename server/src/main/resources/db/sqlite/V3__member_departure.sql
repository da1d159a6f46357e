-- When a user's membership of a shared chat last ended (left, removed or banned; 0 while in, or
-- never in). What they still see of the chat is frozen at this moment: docs/privacy.md.
ALTER TABLE chat_members ADD COLUMN left_date INTEGER NOT NULL DEFAULT 0;
