package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

class ServerSettingsTest {
    @TempDir Path dir;

    private ServerSettings settings(String file, Map<String, String> env) throws IOException {
        Path f = dir.resolve("chapar.properties");
        Files.writeString(f, file);
        return ServerSettings.read(f, env);
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        ServerSettings s =
                settings("bus=nats://file:4222\n", Map.of("CHAPAR_BUS", "nats://env:4222"));

        assertThat(s.pick("nats://cli:4222", "CHAPAR_BUS", "bus", "")).isEqualTo("nats://cli:4222");
        assertThat(s.pick(null, "CHAPAR_BUS", "bus", "")).isEqualTo("nats://env:4222");
    }

    @Test
    void theFileIsReadWhenNeitherGivesTheSettingAndTheDefaultWhenNothingDoes() throws IOException {
        ServerSettings s = settings("bus = nats://file:4222\n", Map.of("CHAPAR_BUS", " "));

        assertThat(s.pick(null, "CHAPAR_BUS", "bus", "")).isEqualTo("nats://file:4222");
        assertThat(s.pick(null, "CHAPAR_BUS_PREFIX", "bus-prefix", "chapar")).isEqualTo("chapar");
    }

    @Test
    void withoutAFileOnlyTheEnvironmentAndTheDefaultCount() throws IOException {
        ServerSettings s = ServerSettings.read(null, Map.of());

        assertThat(s.pick(null, "CHAPAR_BUS", "bus", "")).isEmpty();
    }
}
