package org.chapar.it.chats;

import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.NatsExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cross-node facts over NATS: each node has its own connection to the test's own nats-server,
 * as nodes in separate processes would, and subscribes only to its users' and chats' subjects.
 */
class CrossNodeNatsIT extends CrossNodeContract {
    @RegisterExtension
    @Order(1)
    static final NatsExtension nats = NatsExtension.create();

    @RegisterExtension
    @Order(2)
    static final ChaparServerExtension server = ChaparServerExtension.create(nats.onBus());

    CrossNodeNatsIT() {
        super(server);
    }
}
