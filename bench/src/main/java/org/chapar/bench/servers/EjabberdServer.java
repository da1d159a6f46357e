package org.chapar.bench.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A private ejabberd node for one run, from the Debian package: its own configuration, spool
 * (Mnesia) and log directories under /tmp (ejabberdctl runs the node as the ejabberd user, which
 * cannot enter /work), its own node name and loopback ports, plain c2s without TLS, the HTTP admin
 * API on loopback for creating accounts, and MUC. {@link Storage} decides whether and where MAM
 * stores every message: like Chapar, which keeps what it delivers in SQLite, the fair default is
 * MAM in SQLite (Debian package erlang-p1-sqlite3). Passwords are stored plain so SASL PLAIN costs
 * a comparison, as the cheap Argon2 setting does for Chapar.
 */
public final class EjabberdServer implements Target {
    public static final String DOMAIN = "bench.localhost";
    private static final String CTL = "/usr/sbin/ejabberdctl";

    private final Path home;
    private final String node;
    private final InetSocketAddress c2s;
    private final URI api;
    private long pid;
    private String version;
    private Storage storage = Storage.SQLITE;

    private EjabberdServer(
            Path home, String node, InetSocketAddress c2s, URI api, long pid, String version) {
        this.home = home;
        this.node = node;
        this.c2s = c2s;
        this.api = api;
        this.pid = pid;
        this.version = version;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(CTL));
    }

    /** Where ejabberd keeps the messages it delivers (mod_mam with {@code default: always}). */
    public enum Storage {
        /** MAM in an SQLite file, schema from the package's lite.sql. */
        SQLITE,
        /** MAM in Mnesia, ejabberd's built-in database. */
        MNESIA,
        /** No archive: delivered messages are not stored at all. */
        NONE;

        public static Storage preferred() {
            return Files.isDirectory(Path.of("/usr/lib/erlang/lib")) && sqliteDriverInstalled()
                    ? SQLITE
                    : NONE;
        }
    }

    static boolean sqliteDriverInstalled() {
        String[] libs = Path.of("/usr/lib/erlang/lib").toFile().list();
        if (libs == null) return false;
        for (String lib : libs)
            if (lib.startsWith("p1_sqlite3") || lib.startsWith("sqlite3")) return true;
        return false;
    }

    public static EjabberdServer start(Storage storage) throws IOException, InterruptedException {
        if (!installed())
            throw new IOException(
                    CTL
                            + " not found: install the Debian package ejabberd (bench/compare-ejabberd does)");
        Path home = Files.createTempDirectory("chapar-bench-ejabberd-");
        Files.createDirectories(home.resolve("spool"));
        Files.createDirectories(home.resolve("logs"));
        int c2sPort = ChaparServer.freePort(), httpPort = ChaparServer.freePort();
        String node = "chaparbench" + ProcessHandle.current().pid() + "@localhost";
        Path db = home.resolve("spool/ejabberd.db");
        if (storage == Storage.SQLITE)
            sh("sqlite3", db.toString(), ".read /usr/share/ejabberd/sql/lite.sql");
        Files.writeString(home.resolve("ejabberd.yml"), config(c2sPort, httpPort, storage, db));
        Files.writeString(
                home.resolve("ejabberdctl.cfg"),
                """
                ERL_MAX_PORTS=65536
                ERL_PROCESSES=2000000
                ERL_MAX_ETS_TABLES=20000
                POLL=true
                INET_DIST_INTERFACE=127.0.0.1
                ERL=%s
                """
                        .formatted(home.resolve("erl")));
        // ejabberdctl starts the node through su, whose PAM session resets the soft open-files
        // limit to 1024, and the VM sizes its port table from that at boot: raise it first.
        Files.writeString(
                home.resolve("erl"),
                "#!/bin/sh\nulimit -n \"$(ulimit -Hn)\"\nexec /usr/bin/erl \"$@\"\n");
        sh("chmod", "755", home.resolve("erl").toString());
        Files.writeString(
                home.resolve("inetrc"),
                "{lookup,[file,native]}.\n{host,{127,0,0,1}, [\"localhost\"]}.\n");
        sh("chown", "-R", "ejabberd:ejabberd", home.toString());
        sh("chmod", "755", home.toString());
        ctl(home, node, "start");
        EjabberdServer server =
                new EjabberdServer(
                        home,
                        node,
                        new InetSocketAddress("127.0.0.1", c2sPort),
                        URI.create("http://127.0.0.1:" + httpPort + "/api/"),
                        -1,
                        "unknown");
        server.storage = storage;
        try {
            String status = ctl(home, node, "started");
            server.pid = findBeam(node);
            if (server.pid < 0)
                throw new IOException(
                        "ejabberd did not start (" + status + "); see " + home.resolve("logs"));
            server.version = sh("dpkg-query", "-W", "-f=${Version}", "ejabberd").strip();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static String config(int c2sPort, int httpPort, Storage storage, Path db) {
        String sql =
                storage == Storage.SQLITE ? "sql_type: sqlite\nsql_database: \"" + db + "\"\n" : "";
        String mam =
                switch (storage) {
                    case SQLITE -> "  mod_mam:\n    db_type: sql\n    default: always\n";
                    case MNESIA -> "  mod_mam:\n    db_type: mnesia\n    default: always\n";
                    case NONE -> "";
                };
        // rooms archive their messages too when there is an archive (MUC rooms default to mam:
        // false)
        String roomMam =
                storage == Storage.NONE ? "" : "    default_room_options:\n      mam: true\n";
        return sql
                + """
                loglevel: warning
                hosts:
                  - %s
                listen:
                  -
                    port: %d
                    ip: "127.0.0.1"
                    module: ejabberd_c2s
                    backlog: 4096
                    max_stanza_size: 262144
                    shaper: none
                    access: c2s
                    starttls: false
                  -
                    port: %d
                    ip: "127.0.0.1"
                    module: ejabberd_http
                    request_handlers:
                      /api: mod_http_api
                auth_method: internal
                auth_password_format: plain
                acl:
                  loopback:
                    ip:
                      - 127.0.0.0/8
                access_rules:
                  c2s:
                    allow: all
                  local:
                    allow: all
                  muc_create:
                    allow: all
                api_permissions:
                  "bench from loopback":
                    from:
                      - ejabberd_ctl
                      - mod_http_api
                    who:
                      ip: 127.0.0.0/8
                    what:
                      - "*"
                shaper_rules:
                  max_user_sessions: 10
                  max_user_offline_messages: 100000
                  c2s_shaper: none
                modules:
                  mod_muc:
                    host: "conference.@HOST@"
                    access_create: muc_create
                    max_users: 100000
                    history_size: 0
                %s  mod_offline: {}
                  mod_ping: {}
                %s"""
                        .formatted(DOMAIN, c2sPort, httpPort, roomMam, mam);
    }

    private static long findBeam(String node) throws IOException {
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            try {
                String cmdline =
                        Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"))
                                .replace('\0', ' ');
                if (cmdline.contains("beam.smp")
                        && cmdline.contains(node.substring(0, node.indexOf('@')))) return p.pid();
            } catch (IOException gone) {
                // the process ended while we looked
            }
        }
        return -1;
    }

    private static String ctl(Path home, String node, String command)
            throws IOException, InterruptedException {
        return sh(
                CTL,
                "--config-dir",
                home.toString(),
                "--config",
                home.resolve("ejabberd.yml").toString(),
                "--ctl-config",
                home.resolve("ejabberdctl.cfg").toString(),
                "--logs",
                home.resolve("logs").toString(),
                "--spool",
                home.resolve("spool").toString(),
                "--node",
                node,
                command);
    }

    static String sh(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0)
                throw new IOException(
                        String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public URI api() {
        return api;
    }

    public String domain() {
        return DOMAIN;
    }

    @Override
    public String name() {
        return storage == Storage.SQLITE
                ? "ejabberd"
                : "ejabberd-" + storage.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public InetSocketAddress address() {
        return c2s;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(pid);
    }

    /** Stops the node (ejabberdctl stop, then SIGKILL after 60 s) and deletes its directories. */
    @Override
    public void close() {
        try {
            if (pid < 0) pid = findBeam(node);
            ctl(home, node, "stop");
        } catch (IOException | InterruptedException e) {
            System.err.println("ejabberdctl stop: " + e.getMessage());
        }
        if (pid > 0)
            ProcessHandle.of(pid)
                    .ifPresent(
                            p -> {
                                try {
                                    p.onExit().get(60, TimeUnit.SECONDS);
                                } catch (Exception e) {
                                    p.destroyForcibly();
                                }
                            });
        try {
            List<Path> all = new ArrayList<>();
            try (var walk = Files.walk(home)) {
                walk.forEach(all::add);
            }
            for (int i = all.size() - 1; i >= 0; i--) Files.deleteIfExists(all.get(i));
        } catch (IOException e) {
            System.err.println("could not delete " + home + ": " + e.getMessage());
        }
    }
}
