package lab.miribit.fleetops.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.testing.BootstrapFleetResource;
import lab.miribit.fleetops.testing.ServiceProcess;
import lab.miribit.fleetops.testing.Tokens;

/**
 * The packaged service killed with SIGKILL in the middle of a bootstrap (waiting for argocd-server) and its
 * container restarted in the same pod (same name): the interrupted bootstrap is reported failed, the state shows
 * where it stopped, and running it again resumes there — what was done is found already so, not done twice.
 */
class BootstrapKilledIT {

    private static final List<String> ARGO_CD_STEPS = List.of("argocd-namespace", "argocd-install", "argocd-ready");

    private static BootstrapFleetResource resource;
    private static BootstrapFleetResource.Fleet fleet;
    private static Map<String, String> fleetConfig;

    @BeforeAll
    static void startAFreshCentral() {
        Tokens.signWithoutTheOidcServer();
        resource = new BootstrapFleetResource();
        fleetConfig = resource.start();
        resource.inject((value, field) -> {
            if (value instanceof BootstrapFleetResource.Fleet started) {
                fleet = started;
            }
        });
    }

    @AfterAll
    static void stopIt() {
        if (resource != null) {
            resource.stop();
        }
    }

    @Test
    void aKilledBootstrapIsReportedAndResumesWhereItStopped() throws Exception {
        // argocd-server never becomes ready while held: the bootstrap waits at its third step.
        fleet.simulator().hold("argocd-server");
        String id;
        try (ServiceProcess replica = ServiceProcess.start("fleet-ops-0", config())) {
            id = replica.as(Tokens.admin()).contentType(ContentType.JSON).body("{\"steps\":[\"argocd-namespace\","
                    + "\"argocd-install\",\"argocd-ready\"]}").post("/api/v1/bootstrap").then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(replica.as(Tokens.admin())
                    .get("/api/v1/operations/" + id).jsonPath().getString("steps[2].state")));
            replica.kill();
        }

        try (ServiceProcess restarted = ServiceProcess.start("fleet-ops-0", config())) {
            JsonPath[] operation = new JsonPath[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                var answer = restarted.as(Tokens.admin()).get("/api/v1/operations/" + id);
                operation[0] = answer.statusCode() == 200 ? answer.jsonPath() : null;
                return operation[0] != null;
            });
            assertThat(operation[0].getString("state")).isEqualTo("failed");
            assertThat(operation[0].getString("kind")).isEqualTo("bootstrap");
            assertThat(operation[0].getString("message")).startsWith("interrupted: fleet-ops replica fleet-ops-0 stopped while this"
                    + " bootstrap ran");
            JsonPath state = restarted.as(Tokens.admin()).get("/api/v1/bootstrap").then().statusCode(200).extract().jsonPath();
            assertThat(stateOf(state, "argocd-namespace")).isEqualTo("done");
            assertThat(stateOf(state, "argocd-install")).isEqualTo("done");
            assertThat(stateOf(state, "argocd-ready")).isEqualTo("not run");

            // Run again: the first two steps are found already so, the third waits again until argocd-server is ready.
            String again = restarted.as(Tokens.admin()).contentType(ContentType.JSON).body("{\"steps\":[\"argocd-namespace\","
                    + "\"argocd-install\",\"argocd-ready\"]}").post("/api/v1/bootstrap").then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(restarted.as(Tokens.admin())
                    .get("/api/v1/operations/" + again).jsonPath().getString("steps[2].state")));
            fleet.simulator().release("argocd-server");
            await().atMost(Duration.ofSeconds(30)).until(() -> List.of("succeeded", "failed").contains(restarted
                    .as(Tokens.admin()).get("/api/v1/operations/" + again).jsonPath().getString("state")));
            JsonPath resumed = restarted.as(Tokens.admin()).get("/api/v1/operations/" + again).jsonPath();
            assertThat(resumed.getString("state")).as(resumed.prettify()).isEqualTo("succeeded");
            assertThat(resumed.getString("message")).isEqualTo("1 step(s) done, 2 already so");
            assertThat(resumed.getList("steps.state", String.class)).containsExactly("skipped", "skipped", "succeeded");
        }
    }

    private static String stateOf(JsonPath plan, String step) {
        return plan.getString("steps.find { it.name == '" + step + "' }.state");
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>(fleetConfig);
        config.putAll(Tokens.verifierConfig());
        config.put("fleet.bootstrap.ready-timeout", "5m");
        config.put("fleet.journal.heartbeat", "1s");
        return config;
    }
}
