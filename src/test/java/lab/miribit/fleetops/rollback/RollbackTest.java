package lab.miribit.fleetops.rollback;

import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/** Argo CD history rollback with Argo CD's rules, carried out by the simulated controller. */
@QuarkusTest
class RollbackTest {

    @InjectFleet
    EmbeddedFleet fleet;

    @Test
    void underAutoSyncARollbackIsRefusedUnlessAutoSyncIsSwitchedOffFirst() {
        String app = "thanos-receiver-cluster-01";
        json(Tokens.admin(), "{}").post("/api/v1/apps/" + app + "/rollback").then().statusCode(409)
                .body("detail", equalTo("rollback cannot be initiated when auto-sync is enabled; ask again with disableAutoSync"
                        + " to switch it off first"));
        List<Map<String, Object>> history = history(app);
        Map<String, Object> previous = history.get(history.size() - 2);

        String id = json(Tokens.admin(), "{\"disableAutoSync\":true}").post("/api/v1/apps/" + app + "/rollback").then()
                .statusCode(202).body("kind", equalTo("rollback")).extract().path("id");
        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getList("steps.name")).containsExactly("switch automated sync off",
                "roll back to deployment " + previous.get("id") + " (" + ((String) previous.get("revision")).substring(0, 12) + ")");

        GenericKubernetesResource rolledBack = application(app);
        assertThat(map(map(map(rolledBack.getAdditionalProperties().get("spec")).get("syncPolicy")).get("automated")).get("enabled"))
                .isEqualTo(false);
        Map<String, Object> sync = map(map(map(map(rolledBack.getAdditionalProperties().get("status")).get("operationState"))
                .get("operation")).get("sync"));
        assertThat(sync.get("revision")).isEqualTo(previous.get("revision"));
        assertThat(sync.get("syncStrategy")).isEqualTo(Map.of("apply", Map.of()));
        assertThat(history(app)).hasSize(history.size() + 1);

        await().untilAsserted(() -> assertThat(json(Tokens.operator(), "").post("/api/v1/checks/drift/run").jsonPath()
                .getList("items.summary")).anyMatch(s -> s.toString().startsWith("automated sync is switched off")));
    }

    @Test
    void unknownIdsBusyAppsAndLowRolesAreRefused() {
        // Argo CD: auto-sync is refused first; an unknown id is InvalidArgument (server/application/application.go Rollback).
        json(Tokens.admin(), "{\"id\":99}").post("/api/v1/apps/thanos-store-cluster-01/rollback").then().statusCode(409);
        json(Tokens.admin(), "{\"id\":99,\"disableAutoSync\":true}").post("/api/v1/apps/thanos-store-cluster-01/rollback").then()
                .statusCode(400).body("detail", equalTo("application thanos-store-cluster-01 does not have deployment with id 99"));
        json(Tokens.operator(), "{\"id\":1}").post("/api/v1/apps/thanos-store-cluster-01/rollback").then().statusCode(403);
        json(Tokens.admin(), "{\"id\":-1}").post("/api/v1/apps/thanos-store-cluster-01/rollback").then().statusCode(400);

        String app = "opensearch-dashboards-cluster-01";
        fleet.simulator().hold(app);
        try {
            String first = json(Tokens.admin(), "{\"id\":1}").post("/api/v1/apps/" + app + "/rollback").then().statusCode(202)
                    .extract().path("id");
            json(Tokens.admin(), "{\"id\":2}").post("/api/v1/apps/" + app + "/rollback").then().statusCode(409);
            json(Tokens.operator(), "{}").post("/api/v1/apps/" + app + "/sync").then().statusCode(409);
            fleet.simulator().release(app);
            assertThat(awaitFinished(Tokens.viewer(), first).getString("state")).isEqualTo("succeeded");
        } finally {
            fleet.simulator().release(app);
        }
    }

    @Test
    void aRollbackArgoCdFailsIsReportedWithItsMessage() {
        String id = json(Tokens.admin(), "{\"id\":1}").post("/api/v1/apps/" + DemoFleetSeed.FAILING_APP + "/rollback").then()
                .statusCode(202).extract().path("id");
        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("state")).isEqualTo("failed");
        assertThat(done.getString("message")).startsWith(DemoFleetSeed.FAILING_APP + ": rollback failed: one or more objects failed");
    }

    @Test
    void chatAsksTheAdminToConfirm() {
        String text = json(Tokens.admin(), "{\"text\":\"rollback grafana-cluster-01 1\"}").post("/api/v1/chat").then().statusCode(200)
                .extract().path("text");
        assertThat(text).startsWith("Confirm: /fleet rollback grafana-cluster-01 1").contains("Argo CD redeploys deployment 1");
    }

    private List<Map<String, Object>> history(String app) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) map(application(app).getAdditionalProperties().get("status"))
                .get("history");
        return history;
    }

    private GenericKubernetesResource application(String name) {
        return fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
