package org.chapar.server.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed download URLs: {@code path?exp=<unix s>&sig=<base64url HMAC-SHA256(key, path "\n" exp)>}
 * under a server key, so a URL opens one file (or thumbnail) until it expires and cannot be made
 * for another.
 */
final class FileUrls {
    private final byte[] key;

    FileUrls(byte[] key) {
        this.key = key.clone();
    }

    String sign(String path, long expires) {
        return path + "?exp=" + expires + "&sig=" + signature(path, expires);
    }

    /** Whether {@code sig} is this server's signature of {@code path} until {@code expires}. */
    boolean valid(String path, long expires, String sig, long nowSeconds) {
        return expires >= nowSeconds
                && MessageDigest.isEqual(
                        signature(path, expires).getBytes(StandardCharsets.US_ASCII),
                        sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String path, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] d = mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
