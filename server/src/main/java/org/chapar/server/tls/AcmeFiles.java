package org.chapar.server.tls;

import org.shredzone.acme4j.util.KeyPairUtils;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What ACME keeps under {@code <data>/tls/acme/}: the account key (the same key finds the same
 * account again, so a restart registers nothing new), the domain key (kept across renewals, so a
 * pin on it survives them) and the last chain, leaf first. Keys are written mode 0600.
 */
final class AcmeFiles {
    private final Path dir;

    AcmeFiles(Path dataDir) {
        this.dir = dataDir.resolve("tls").resolve("acme");
    }

    Path dir() {
        return dir;
    }

    KeyPair accountKey() throws IOException {
        return keyPair(dir.resolve("account.key"));
    }

    KeyPair domainKey() throws IOException {
        return keyPair(dir.resolve("domain.key"));
    }

    /** The kept chain with the domain key, if there is one that loads. */
    Optional<PemCredentials> chain() throws IOException {
        Path chain = dir.resolve("chain.pem");
        Path key = dir.resolve("domain.key");
        if (!Files.exists(chain) || !Files.exists(key)) {
            return Optional.empty();
        }
        return Optional.of(PemCredentials.read(chain, key));
    }

    void keepChain(List<X509Certificate> chain) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : chain) {
            pem.append(SelfSigned.pem(c));
        }
        SelfSigned.write(dir.resolve("chain.pem"), pem.toString());
    }

    /** The key pair in {@code file}, made (EC P-256) and written first if there is none. */
    private KeyPair keyPair(Path file) throws IOException {
        if (Files.exists(file)) {
            return KeyPairUtils.readKeyPair(
                    new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
        }
        Files.createDirectories(dir);
        KeyPair made = KeyPairUtils.createECKeyPair("secp256r1");
        StringWriter pem = new StringWriter();
        KeyPairUtils.writeKeyPair(made, pem);
        SelfSigned.writePrivate(file, pem.toString());
        return made;
    }
}
