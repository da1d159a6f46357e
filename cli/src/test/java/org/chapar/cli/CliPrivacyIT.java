package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.testkit.ChaparServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** `chapar privacy`: shows and changes who sees one's status and who may add one to chats. */
class CliPrivacyIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @TempDir Path home;

    private CliRun chapar(String... args) {
        return CliRun.run(home, "password-privacy_cli\n", args);
    }

    private CliRun ok(String... args) {
        CliRun r = chapar(args);
        assertThat(r.exit()).as("exit of %s; stderr: %s", List.of(args), r.err()).isZero();
        return r;
    }

    @Test
    void showsTheDefaultsAndChangesOnlyWhatIsGiven() {
        ok(
                "register",
                "privacy_cli",
                "--server",
                "http://127.0.0.1:" + server.port(),
                "--password-stdin");
        assertThat(ok("privacy").out()).isEqualTo("last seen: partners\ngroup invites: partners\n");

        JsonNode changed = ok("--json", "privacy", "--last-seen", "NOBODY").first();
        assertThat(changed.get("last_seen").asText()).isEqualTo("nobody");
        assertThat(changed.get("group_invites").asText()).isEqualTo("partners");
        JsonNode both = ok("--json", "privacy", "--group-invites", "everybody").first();
        assertThat(both.get("last_seen").asText()).isEqualTo("nobody");
        assertThat(both.get("group_invites").asText()).isEqualTo("everybody");

        CliRun refused = chapar("privacy", "--last-seen", "friends");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .startsWith("error: ")
                .contains("--last-seen must be everybody, partners or nobody");
        assertThat(ok("--json", "privacy").first().get("last_seen").asText()).isEqualTo("nobody");
    }
}
