package org.chapar.it.chats;

import org.chapar.testkit.ChaparServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cross-node facts on the in-process bus: two nodes in one JVM share one LocalBus. */
class CrossNodeIT extends CrossNodeContract {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    CrossNodeIT() {
        super(server);
    }
}
