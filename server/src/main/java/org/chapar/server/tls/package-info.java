/**
 * HTTPS built in: where the server's certificate comes from (PEM files watched for changes, a
 * self-signed one kept under the data directory, one got and renewed over ACME, proven by HTTP-01
 * or TLS-ALPN-01 and renewed when the CA's window says), the TLS handler the gateway puts first on
 * each new connection, the OCSP answer stapled to it when the certificate names a responder, and
 * the pins clients use for a certificate no public CA signed. ADR 0018, 0019, 0025 and 0029.
 */
package org.chapar.server.tls;
