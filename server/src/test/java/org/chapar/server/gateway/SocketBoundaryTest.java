package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.ChaparServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rules never touch sockets (ADR 0010): no compiled class outside {@code gateway/}, the composition
 * root aside, names the gateway's connections. A class's constant pool holds the internal name of
 * every class it uses, in descriptors ({@code Lorg/.../Connection;}) and class entries alike.
 */
class SocketBoundaryTest {
    private static final Pattern SOCKET_TYPES =
            Pattern.compile("org/chapar/server/gateway/Connection(Registry)?(?![A-Za-z0-9_])");

    @Test
    void noClassOutsideTheGatewayUsesItsConnections() throws Exception {
        Path classes =
                Path.of(
                        ChaparServer.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> offenders =
                    files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> classes.relativize(f).toString().replace('\\', '/'))
                            .filter(name -> !name.startsWith("org/chapar/server/gateway/"))
                            .filter(
                                    name ->
                                            !name.matches(
                                                    "org/chapar/server/ChaparServer(\\$.*)?\\.class"))
                            .filter(name -> usesConnections(classes.resolve(name)))
                            .toList();
            assertThat(offenders).as("classes outside gateway/ that reach a socket").isEmpty();
            assertThat(classes.resolve("org/chapar/server/chat/ChatService.class")).exists();
        }
    }

    @Test
    void theScanSeesAReferenceToTheRegistryOrAConnection() throws URISyntaxException {
        assertThat(usesConnections(compiled(ReachesTheRegistry.class))).isTrue();
        assertThat(usesConnections(compiled(ReachesAConnection.class))).isTrue();
        assertThat(usesConnections(compiled(UsesTheDispatcher.class))).isFalse();
    }

    private static boolean usesConnections(Path classFile) {
        try {
            String pool = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return SOCKET_TYPES.matcher(pool).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compiled(Class<?> type) throws URISyntaxException {
        Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return root.resolve(type.getName().replace('.', '/') + ".class");
    }

    private static final class ReachesTheRegistry {
        @SuppressWarnings("unused")
        void close(ConnectionRegistry registry) {}
    }

    private static final class ReachesAConnection {
        @SuppressWarnings("unused")
        Object address(Connection connection) {
            return connection.address();
        }
    }

    private static final class UsesTheDispatcher {
        @SuppressWarnings("unused")
        void register(Dispatcher dispatcher, ConnectionLimits limits) {}
    }
}
