package org.chapar.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where {@code chapar server} finds a setting that has no command-line value: the environment
 * ({@code CHAPAR_*}), then the {@code --config} properties file, then the default. One order for
 * every setting, so a deployment can keep its options in a file and override one per node.
 */
record ServerSettings(Properties file, Map<String, String> env) {

    static ServerSettings read(Path configFile, Map<String, String> env) throws IOException {
        Properties p = new Properties();
        if (configFile != null) {
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return new ServerSettings(p, env);
    }

    /** The command line's value, else the environment's, else the file's, else the default. */
    String pick(String commandLine, String envName, String fileKey, String fallback) {
        if (commandLine != null) {
            return commandLine;
        }
        String e = env.get(envName);
        if (e != null && !e.isBlank()) {
            return e.trim();
        }
        String f = file.getProperty(fileKey);
        return f != null ? f.trim() : fallback;
    }
}
