package lab.miribit.fleetops.chat.slack;

import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** A signed slash command to the packaged service: Bolt's request parsing and Block Kit rendering (Gson) there. */
@QuarkusIntegrationTest
class SlackPackagedIT {

    @Test
    void aSignedSlashCommandIsAnsweredInBlockKit() {
        SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "status cluster-03", "http://127.0.0.1:1/response/it", null))
                .then().statusCode(200).body(containsString("blocks")).body(containsString("cluster-03"));
        SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "status", "http://127.0.0.1:1/response/it", null), 1_600_000_000L)
                .then().statusCode(401);
    }
}
