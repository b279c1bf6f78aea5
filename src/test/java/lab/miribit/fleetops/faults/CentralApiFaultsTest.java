package lab.miribit.fleetops.faults;

import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/** The central API server failing a request now and then: a request is retried, a write that keeps failing is reported. */
@QuarkusTest
class CentralApiFaultsTest {

    private static final String PATH = "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/";

    @InjectFleet
    EmbeddedFleet fleet;

    @Test
    void aWriteThatFailsOnceIsRetriedAndTheSyncGoesThrough() {
        fleet.central().failNext("PATCH", PATH + "namespaces-cluster-04", 1);
        JsonPath done = sync("namespaces-cluster-04");
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
    }

    @Test
    void aWriteThatKeepsFailingIsReportedWithTheApiServersAnswerAndTheAppIsFreeAgain() {
        // the first attempt and the three retries of quarkus.kubernetes-client.request-retry-backoff-limit
        fleet.central().failNext("PATCH", PATH + "prometheus-agent-cluster-04", 4);
        JsonPath failed = sync("prometheus-agent-cluster-04");
        assertThat(failed.getString("state")).as(failed.prettify()).isEqualTo("failed");
        assertThat(failed.getString("message")).contains("500");
        assertThat(failed.getString("steps[0].state")).isEqualTo("failed");
        // the failed operation released the application: with the API server answering again, a sync goes through
        assertThat(sync("prometheus-agent-cluster-04").getString("state")).isEqualTo("succeeded");
    }

    private static JsonPath sync(String app) {
        String id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/" + app + "/sync").then().statusCode(202)
                .extract().path("id");
        return awaitFinished(Tokens.viewer(), id);
    }
}
