package org.chapar.server.message;

/** A stored message, once per chat whatever the number of members. */
public record MessageRecord(long chatId, long id, long fromId, long date, String text, long replyToId, long editDate) {

    MessageRecord withText(String newText, long newEditDate) {
        return new MessageRecord(chatId, id, fromId, date, newText, replyToId, newEditDate);
    }
}
