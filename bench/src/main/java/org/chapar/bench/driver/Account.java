package org.chapar.bench.driver;

/**
 * A provisioned account. {@code id} is the server's user id where the protocol addresses users by
 * id (Chapar) and 0 otherwise, with the {@code accessHash} that lets others open a chat with it;
 * {@code token} resumes a session where the protocol has one.
 */
public record Account(String username, String password, long id, long accessHash, String token) {}
