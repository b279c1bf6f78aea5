package lab.miribit.fleetops.checks;

import static lab.miribit.fleetops.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.InjectSlack;
import lab.miribit.fleetops.testing.SlackStandIn;
import lab.miribit.fleetops.testing.Tokens;

/** The drift check and the alerts it raises: one message per state change, to the configured Slack channel. */
@QuarkusTest
class DriftAlertsTest {

    private static final String APP = "longhorn-cluster-02";

    @InjectFleet
    EmbeddedFleet fleet;

    @InjectSlack
    SlackStandIn slack;

    private static JsonPath drift() {
        return as(Tokens.operator()).post("/api/v1/checks/drift/run").then().statusCode(200).extract().jsonPath();
    }

    private long messagesAbout(String app) {
        return slack.channelMessages().stream().filter(m -> m.contains("app/" + app)).count();
    }

    @Test
    void aNewProblemIsAlertedOnceAndItsRecoveryToo() {
        drift();
        long before = messagesAbout(APP);
        edit(APP, status -> {
            status.put("health", Map.of("status", "Degraded", "message", "0 of 3 pods ready"));
            return status;
        });
        try {
            await().untilAsserted(() -> assertThat(drift().getList("items.target")).contains("app/" + APP));
            await().atMost(Duration.ofSeconds(10)).until(() -> messagesAbout(APP) == before + 1);
            String alert = slack.channelMessages().stream().filter(m -> m.contains("app/" + APP)).reduce((a, b) -> b).orElseThrow();
            assertThat(alert).contains("channel=C0ALERTS").contains("drift on cluster-02").contains("new critical: app/" + APP + " — Degraded");

            drift();
            drift();
            assertThat(messagesAbout(APP)).as("no repeat while nothing changes").isEqualTo(before + 1);
        } finally {
            edit(APP, status -> {
                status.put("health", Map.of("status", "Healthy"));
                return status;
            });
        }
        await().untilAsserted(() -> assertThat(drift().getList("items.target")).doesNotContain("app/" + APP));
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesAbout(APP) == before + 2);
        assertThat(slack.channelMessages().stream().filter(m -> m.contains("app/" + APP)).reduce((a, b) -> b).orElseThrow())
                .contains("recovered: app/" + APP + " — no longer Degraded");
    }

    @Test
    void automatedSyncSwitchedOffIsDrift() {
        String app = "fluent-operator-cluster-02";
        GenericKubernetesResource resource = application(app);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
        spec.put("syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true, "enabled", false)));
        update(resource);
        await().untilAsserted(() -> {
            List<Map<String, Object>> items = drift().getList("items");
            assertThat(items).anyMatch(item -> ("app/" + app).equals(item.get("target"))
                    && ((String) item.get("summary")).startsWith("automated sync is switched off"));
        });
    }

    private void edit(String app, UnaryOperator<Map<String, Object>> change) {
        GenericKubernetesResource resource = application(app);
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) resource.getAdditionalProperties().get("status");
        resource.setAdditionalProperty("status", change.apply(status));
        update(resource);
    }

    private GenericKubernetesResource application(String name) {
        return fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .withName(name).get();
    }

    private void update(GenericKubernetesResource resource) {
        fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .resource(resource).update();
    }
}
