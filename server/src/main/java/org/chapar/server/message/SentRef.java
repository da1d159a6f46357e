package org.chapar.server.message;

/** What a send with a given random_id produced, to answer its retries with the same result. */
public record SentRef(long chatId, long messageId, long pts) {}
