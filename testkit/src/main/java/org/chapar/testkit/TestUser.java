package org.chapar.testkit;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;

/** A registered user with a connected, logged-in client and a recorder of its updates. */
public record TestUser(
        ChaparClient client,
        User user,
        String username,
        String password,
        String token,
        UpdateRecorder updates) {

    public long id() {
        return user.getId();
    }

    /**
     * This user as the peer of a private chat, with their access hash: as another user would name
     * them after being shown this user (by ResolveUsername, say).
     */
    public Peer peer() {
        return Peers.user(user);
    }
}
