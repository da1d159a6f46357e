package org.chapar.server.privacy;

/** Storage of privacy settings; a user without a row has {@link Privacy#DEFAULT}. */
public interface PrivacySettings {
    Privacy get(long userId);

    void put(long userId, Privacy privacy);
}
