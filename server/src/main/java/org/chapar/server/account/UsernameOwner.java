package org.chapar.server.account;

/** Who holds a name of the shared namespace: a user or a public chat (the other id is 0). */
public record UsernameOwner(long userId, long chatId) {
    public static UsernameOwner user(long id) {
        return new UsernameOwner(id, 0);
    }

    public static UsernameOwner chat(long id) {
        return new UsernameOwner(0, id);
    }
}
