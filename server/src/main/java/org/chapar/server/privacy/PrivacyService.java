package org.chapar.server.privacy;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.SetPrivacy;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.util.concurrent.CompletableFuture;

/** GetPrivacy and SetPrivacy, and the consent rule for being added to chats. */
public final class PrivacyService {
    private final Store store;

    public PrivacyService(Store store) {
        this.store = store;
    }

    public CompletableFuture<org.chapar.protocol.Privacy> get(long me) {
        return store.read(tx -> tx.privacy().get(me).toProto());
    }

    public CompletableFuture<org.chapar.protocol.Privacy> set(long me, SetPrivacy r) {
        return store.write(
                tx -> {
                    Privacy p = tx.privacy().get(me).with(r);
                    tx.privacy().put(me, p);
                    return p.toProto();
                });
    }

    /**
     * Refuses unless {@code invitee}'s group_invites setting lets {@code inviter} add them to a
     * chat. Checked in the transaction that adds them.
     */
    public static void requireMayAdd(StoreTx tx, long inviter, long invitee) {
        if (!Privacy.admits(tx.privacy().get(invitee).groupInvites(), tx, invitee, inviter)) {
            throw new ApiException(
                    ErrorCode.USER_PRIVACY_RESTRICTED,
                    "User "
                            + invitee
                            + " can only be added by people they have written to: send them a"
                            + " message or an invite link instead");
        }
    }
}
