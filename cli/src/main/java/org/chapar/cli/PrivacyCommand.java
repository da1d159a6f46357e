package org.chapar.cli;

import org.chapar.client.ChaparClient;
import org.chapar.protocol.Privacy;
import org.chapar.protocol.PrivacyAudience;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;

@Command(
        name = "privacy",
        description = {
            "Show or change who sees your online status and who may add you to chats.",
            "partners: people you have written to in a private chat."
        })
final class PrivacyCommand extends ClientCommand {
    @Option(
            names = "--last-seen",
            paramLabel = "WHO",
            description = "Who sees your online status and last seen: everybody, partners, nobody.")
    String lastSeen;

    @Option(
            names = "--group-invites",
            paramLabel = "WHO",
            description = "Who may add you to groups and channels: everybody, partners, nobody.")
    String groupInvites;

    @Override
    public Integer call() {
        PrivacyAudience seen = audience("--last-seen", lastSeen);
        PrivacyAudience invites = audience("--group-invites", groupInvites);
        try (ChaparClient c = connectLoggedIn(false)) {
            Privacy p =
                    lastSeen == null && groupInvites == null
                            ? await(c.getPrivacy())
                            : await(c.setPrivacy(seen, invites));
            if (json()) {
                print(
                        JsonView.object()
                                .put("last_seen", name(p.getLastSeen()))
                                .put("group_invites", name(p.getGroupInvites())),
                        "");
            } else {
                // two lines of output, not one text with a line break (which SafeText indents)
                terminal().show("last seen: " + name(p.getLastSeen()));
                terminal().show("group invites: " + name(p.getGroupInvites()));
            }
        }
        return 0;
    }

    private static PrivacyAudience audience(String option, String value) {
        if (value == null) {
            return PrivacyAudience.PRIVACY_AUDIENCE_UNSPECIFIED;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "everybody" -> PrivacyAudience.EVERYBODY;
            case "partners" -> PrivacyAudience.PARTNERS;
            case "nobody" -> PrivacyAudience.NOBODY;
            default ->
                    throw Failures.usage(
                            option + " must be everybody, partners or nobody, not " + value);
        };
    }

    private static String name(PrivacyAudience a) {
        return a.name().toLowerCase(Locale.ROOT);
    }
}
