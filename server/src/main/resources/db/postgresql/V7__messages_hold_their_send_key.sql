-- Each message holds the key of the record that makes its send idempotent (sent_random_ids'
-- primary key: the sender and the random_id, or for an anonymous post the hash that stands for
-- its author, with random_id 0), NULL if it has none. A purge finds the record by that key, so
-- the index by message, which every send added an entry to on a page of its own and only a purge
-- read, goes (docs/adr/0032-messages-hold-their-send-key.md).
ALTER TABLE messages ADD COLUMN sent_user_id bigint;
ALTER TABLE messages ADD COLUMN sent_random_id bigint;
UPDATE messages SET sent_user_id = s.user_id, sent_random_id = s.random_id
FROM sent_random_ids s
WHERE s.chat_id = messages.chat_id AND s.message_id = messages.id AND s.message_id <> 0;
DROP INDEX sent_random_ids_by_message;
