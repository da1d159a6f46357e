package org.chapar.bench.driver.xmpp;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Groups;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Groups as MUC rooms. The owner's join creates the room and accepts the default configuration (an
 * instant room); members join with no discussion history.
 */
final class MucGroups implements Groups {
    private final String service;

    MucGroups(String service) {
        this.service = service;
    }

    @Override
    public CompletableFuture<String> create(BenchClient owner, String name, List<Account> members) {
        String room = name + "@" + service;
        XmppClient c = (XmppClient) owner;
        return join(owner, room)
                .thenCompose(
                        v ->
                                c.iq(
                                        "<iq type='set' id='%s' to='"
                                                + room
                                                + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                                                + "<x xmlns='jabber:x:data' type='submit'/></query></iq>"))
                .thenApply(r -> room);
    }

    @Override
    public CompletableFuture<Void> join(BenchClient member, String room) {
        XmppClient c = (XmppClient) member;
        return c.presence(
                        "<presence id='%s' to='"
                                + room
                                + "/"
                                + c.account().username()
                                + "'>"
                                + "<x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>")
                .thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> post(BenchClient sender, String room, String text) {
        return ((XmppClient) sender).sendGroup(room, text);
    }
}
