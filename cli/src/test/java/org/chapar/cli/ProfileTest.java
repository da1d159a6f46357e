package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.client.SyncState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

class ProfileTest {

    @TempDir Path home;

    @Test
    void serverAddressesMapToTheWebSocketEndpoint() {
        assertThat(Profile.websocketUri("http://example.org:8080"))
                .isEqualTo(URI.create("ws://example.org:8080/ws"));
        assertThat(Profile.websocketUri("http://example.org:8080/"))
                .isEqualTo(URI.create("ws://example.org:8080/ws"));
        assertThat(Profile.websocketUri("https://chat.example.org"))
                .isEqualTo(URI.create("wss://chat.example.org/ws"));
        assertThat(Profile.websocketUri("127.0.0.1:9000"))
                .isEqualTo(URI.create("ws://127.0.0.1:9000/ws"));
        assertThat(Profile.websocketUri("ws://h:1/custom"))
                .isEqualTo(URI.create("ws://h:1/custom"));
        assertThat(Profile.websocketUri("wss://h")).isEqualTo(URI.create("wss://h/ws"));
        assertThatThrownBy(() -> Profile.websocketUri("ftp://h"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profilesAreSeparateDirectoriesReadableOnlyByTheOwner() throws Exception {
        Profile a = Profile.open(home, "default");
        Profile b = Profile.open(home, "work");
        assertThat(a.server()).isEmpty();

        a.saveServer("http://a:1", Optional.empty());
        b.saveServer("http://b:2", Optional.of("sha256/x"));
        a.store().save(new SyncState(7, "secret-token", 3));

        assertThat(Profile.open(home, "default").server()).contains("http://a:1");
        assertThat(Profile.open(home, "work").server()).contains("http://b:2");
        assertThat(Profile.open(home, "work").pin()).contains("sha256/x");
        assertThat(Profile.open(home, "default").pin()).isEmpty();
        assertThat(Profile.open(home, "default").store().load())
                .isEqualTo(new SyncState(7, "secret-token", 3));
        assertThat(Profile.open(home, "work").store().load().hasToken()).isFalse();

        Path dir = home.resolve("profiles/default");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(dir.resolve("profile.properties"))))
                .isEqualTo("rw-------");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(dir.resolve("sync.properties"))))
                .isEqualTo("rw-------");

        a.forgetSession();
        assertThat(Profile.open(home, "default").store().load()).isEqualTo(SyncState.EMPTY);
        assertThat(Profile.open(home, "default").server()).contains("http://a:1");
    }

    @Test
    void profileNamesCannotEscapeTheHome() {
        assertThatThrownBy(() -> Profile.open(home, "../x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profile.open(home, ".."))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Profile.open(home, "a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
