/**
 * HTTPS built in: where the server's certificate comes from (PEM files watched for changes, a
 * self-signed one kept under the data directory, one got and renewed over ACME), the TLS context
 * the gateway hands each new connection, and the pins clients use for a certificate no public CA
 * signed. ADR 0018 and 0019.
 */
package org.chapar.server.tls;
