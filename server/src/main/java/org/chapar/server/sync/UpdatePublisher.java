package org.chapar.server.sync;

import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Updates;
import org.chapar.server.bus.Bus;
import org.chapar.server.bus.UserFact;

import java.time.Clock;

/** Hands live updates to the bus, encoded once per receiving user. */
public final class UpdatePublisher {
    private final Bus bus;
    private final Clock clock;

    public UpdatePublisher(Bus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    public void toUser(long userId, Updates.Builder updates) {
        updates.setDate(clock.millis() / 1000);
        bus.publish(
                Bus.user(userId),
                ServerFrame.newBuilder().setUpdates(updates).build().toByteArray());
    }

    /** Tells every node's gateway a fact about the user's connections (a join, a revocation). */
    public void fact(long userId, UserFact fact) {
        bus.publish(Bus.facts(userId), fact.encode());
    }

    /**
     * One publish for every online member of a supergroup or channel: the frame is encoded once and
     * written unchanged to each of their connections, so it must hold no per-viewer field.
     */
    public void toChat(long chatId, Updates.Builder updates) {
        updates.setDate(clock.millis() / 1000);
        bus.publish(
                Bus.chat(chatId),
                ServerFrame.newBuilder().setUpdates(updates).build().toByteArray());
    }
}
