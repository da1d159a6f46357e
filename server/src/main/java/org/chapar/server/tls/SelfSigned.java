package org.chapar.server.tls;

import io.netty.handler.ssl.SslContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A self-signed certificate for a LAN or an intranet, made at the first start and kept in {@code
 * <data>/tls/}: its pin stays the same across restarts, so clients pin it once. An EC P-256 key
 * (small handshakes); the names are localhost, the loopback addresses, the listen address and this
 * machine's name, though a pinning client does not check them.
 */
public final class SelfSigned implements ServerCertificate {
    private static final Logger log = LoggerFactory.getLogger(SelfSigned.class);
    static final Duration VALIDITY = Duration.ofDays(10 * 366);

    private final PemCredentials credentials;
    private final SslContext context;

    private SelfSigned(PemCredentials credentials) throws IOException {
        this.credentials = credentials;
        this.context = TlsContexts.server(credentials);
    }

    /** The kept certificate, made first if there is none. */
    public static SelfSigned loadOrCreate(Path dataDir, String host, Clock clock)
            throws IOException {
        Path dir = dataDir.resolve("tls");
        Path cert = dir.resolve("self-signed.crt");
        Path key = dir.resolve("self-signed.key");
        if (!Files.exists(cert) || !Files.exists(key)) {
            Files.createDirectories(dir);
            PemCredentials made = create(names(host), clock.instant());
            writePrivate(key, pem(new JcaPKCS8Generator(made.key(), null)));
            write(cert, pem(made.leaf()));
            log.info("made a self-signed TLS certificate in {}", cert);
        }
        return new SelfSigned(PemCredentials.read(cert, key));
    }

    /** A new key and a certificate for these DNS names and IP addresses. */
    static PemCredentials create(List<String> names, Instant now) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + names.get(0).replace(",", ""));
            List<GeneralName> alt = new ArrayList<>();
            for (String n : names) {
                alt.add(
                        new GeneralName(
                                looksLikeAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName,
                                n));
            }
            var builder =
                    new JcaX509v3CertificateBuilder(
                                    subject,
                                    new BigInteger(127, new SecureRandom()),
                                    Date.from(now.minus(Duration.ofHours(1))),
                                    Date.from(now.plus(VALIDITY)),
                                    subject,
                                    pair.getPublic())
                            .addExtension(
                                    Extension.subjectAlternativeName,
                                    false,
                                    new GeneralNames(alt.toArray(GeneralName[]::new)))
                            .addExtension(
                                    Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate c =
                    new JcaX509CertificateConverter()
                            .getCertificate(
                                    builder.build(
                                            new JcaContentSignerBuilder("SHA256withECDSA")
                                                    .build(pair.getPrivate())));
            return new PemCredentials(pair.getPrivate(), List.of(c));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static List<String> names(String host) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (!host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host);
        }
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // a machine without a resolvable name of its own: the other names stay
        }
        return new ArrayList<>(names);
    }

    private static boolean looksLikeAddress(String n) {
        return n.contains(":") || n.matches("[0-9.]+");
    }

    static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The key is readable by the server's user only. */
    static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(
                    tmp,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public String pin() {
        return Pins.of(credentials.leaf());
    }

    @Override
    public SslContext context() {
        return context;
    }

    @Override
    public PemCredentials credentials() {
        return credentials;
    }

    @Override
    public Optional<String> problem() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
