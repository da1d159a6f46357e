package org.chapar.testkit;

import org.chapar.server.ServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.UnaryOperator;

/**
 * A test class's own nats-server (see {@link NatsProcess}), started before the class and stopped
 * after it. Register it before the server extension and configure the server with {@link #onBus()}:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final NatsExtension nats = NatsExtension.create();
 * @RegisterExtension @Order(2) static final ChaparServerExtension server =
 *         ChaparServerExtension.create(nats.onBus());
 * }</pre>
 */
public final class NatsExtension implements BeforeAllCallback, AfterAllCallback {
    private NatsProcess process;

    private NatsExtension() {}

    public static NatsExtension create() {
        return new NatsExtension();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        process = NatsProcess.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (process != null) {
            process.close();
        }
    }

    public NatsProcess process() {
        return process;
    }

    /** Puts a server on this NATS server under the class's own subject prefix. */
    public UnaryOperator<ServerConfig> onBus() {
        return c -> c.withBus(process.url(), process.prefix());
    }
}
