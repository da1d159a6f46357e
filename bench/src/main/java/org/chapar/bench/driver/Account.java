package org.chapar.bench.driver;

/**
 * A provisioned account. {@code id} is the server's user id where the protocol addresses users by
 * id (Chapar) and 0 otherwise; {@code token} resumes a session where the protocol has one.
 */
public record Account(String username, String password, long id, String token) {}
