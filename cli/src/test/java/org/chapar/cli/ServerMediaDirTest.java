package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.store.Store;
import org.chapar.server.store.sqlite.SqliteStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * `chapar server` takes the shared media directory from --media-dir or the config file's
 * media-dir=, and does not start on one that is not its cluster's (ADR 0020).
 */
class ServerMediaDirTest {
    @TempDir Path home;

    /** A store that already names its media directory, as every node's start does. */
    @BeforeEach
    void storeWithAMediaRoot() {
        try (Store store = SqliteStore.open(home.resolve("data"), 1, false, 16)) {
            store.write(
                            tx ->
                                    tx.serverKeys()
                                            .getOrCreate(
                                                    "media-root",
                                                    () ->
                                                            "CCCCCCCCCCCCCCCCCCCCCC"
                                                                    .getBytes(
                                                                            StandardCharsets
                                                                                    .US_ASCII)))
                    .join();
        }
    }

    Path mediaDir(String name, String id) throws IOException {
        Path dir = Files.createDirectories(home.resolve(name));
        Files.writeString(dir.resolve("MEDIA-ROOT"), id + "\n");
        return dir;
    }

    CliRun server(String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "server";
        args[1] = "--data";
        args[2] = home.resolve("data").toString();
        args[3] = "--port";
        args[4] = "0";
        System.arraycopy(options, 0, args, 5, options.length);
        return CliRun.run(home, "", args);
    }

    @Test
    void theConfigFilesMediaDirOfAnotherClusterStopsTheStart() throws IOException {
        Path other = mediaDir("other", "AAAAAAAAAAAAAAAAAAAAAA");
        Path config = Files.writeString(home.resolve("node.properties"), "media-dir=" + other);

        CliRun r = server("--config", config.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains("error: DATA_DIR: the media directory " + other)
                .contains("belongs to another cluster")
                .contains("this cluster's store names CCCCCCCCCCCCCCCCCCCCCC");
    }

    @Test
    void theCommandLineWinsOverTheConfigFile() throws IOException {
        Path inFile = mediaDir("in-file", "AAAAAAAAAAAAAAAAAAAAAA");
        Path given = mediaDir("given", "BBBBBBBBBBBBBBBBBBBBBB");
        Path config = Files.writeString(home.resolve("node.properties"), "media-dir=" + inFile);

        CliRun r = server("--config", config.toString(), "--media-dir", given.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("the media directory " + given).doesNotContain("in-file");
    }
}
