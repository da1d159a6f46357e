package org.chapar.server.tls;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP-01 tokens of the orders in flight and the key authorization each is answered with. A
 * token is here only while its challenge is being validated, so the plain port answers nothing else
 * under /.well-known/acme-challenge/.
 */
final class AcmeChallenges {
    private final Map<String, String> pending = new ConcurrentHashMap<>();

    void open(String token, String keyAuthorization) {
        pending.put(token, keyAuthorization);
    }

    void close(String token) {
        pending.remove(token);
    }

    Optional<String> answer(String token) {
        return Optional.ofNullable(pending.get(token));
    }
}
