-- Each user's count of their own existing messages in a private chat, kept in their dialog row
-- (which every private send rewrites anyway), answers the partner rule of privacy ("has written
-- to"). It replaces the index messages_by_sender, which every message insert had to maintain.
-- The fill runs while that index still exists.

ALTER TABLE dialogs ADD COLUMN own_messages INTEGER NOT NULL DEFAULT 0;

UPDATE dialogs SET own_messages =
    (SELECT count(*) FROM messages m WHERE m.chat_id = dialogs.chat_id AND m.from_id = dialogs.user_id)
WHERE chat_id IN (SELECT id FROM chats WHERE kind = 1);

DROP INDEX messages_by_sender;
