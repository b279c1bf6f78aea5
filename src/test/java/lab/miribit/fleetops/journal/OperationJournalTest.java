package lab.miribit.fleetops.journal;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/**
 * A running operation is written down with its replica; when that replica stops, its operations are reported
 * failed and audited by the replica that runs the schedule, instead of vanishing with the stopped process.
 */
@QuarkusTest
class OperationJournalTest {

    private static final String APP = "fluent-bit-cluster-04";

    @InjectFleet
    EmbeddedFleet fleet;

    @Inject
    OperationJournal journal;

    @Test
    void aRunningOperationIsInTheJournalUntilItEnds() {
        fleet.simulator().hold(APP);
        String id;
        try {
            id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/" + APP + "/sync").then().statusCode(202)
                    .extract().path("id");
            await().atMost(Duration.ofSeconds(5)).until(() -> journal().containsKey(id));
            assertThat(journal().get(id)).contains("\"kind\":\"sync\"").contains("\"target\":\"app/" + APP + "\"")
                    .contains("\"requestedBy\":\"" + Tokens.subjectOf("olivia") + "\"")
                    .contains("\"requestedByName\":\"olivia\"");
            // the replica this operation runs on is alive (this one): nothing is reported
            journal.reportInterrupted();
            assertThat(journal()).containsKey(id);
        } finally {
            fleet.simulator().release(APP);
        }
        assertThat(awaitFinished(Tokens.viewer(), id).getString("state")).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(5)).until(() -> !journal().containsKey(id));
    }

    @Test
    void theOperationsOfAStoppedReplicaAreReportedFailedAndAudited() {
        String entry = "{\"replica\":\"fleet-ops-6d5f8-x2kq\",\"kind\":\"sync\",\"target\":\"cluster/cluster-03\","
                + "\"requestedBy\":\"olivia\",\"via\":\"slack\",\"startedAt\":\"" + Instant.now().minusSeconds(300) + "\"}";
        String alive = "{\"replica\":\"fleet-ops-6d5f8-alive\",\"kind\":\"sync\",\"target\":\"cluster/cluster-02\","
                + "\"requestedBy\":\"ada\",\"via\":\"rest\",\"startedAt\":\"" + Instant.now().minusSeconds(30) + "\"}";
        put(Map.of("op-deadrep234", entry, "replica.fleet-ops-6d5f8-x2kq", Instant.now().minusSeconds(600).toString(),
                "op-aiivesync2", alive, "replica.fleet-ops-6d5f8-alive", Instant.now().toString()));

        journal.reportInterrupted();

        JsonPath reported = as(Tokens.viewer()).get("/api/v1/operations/op-deadrep234").then().statusCode(200).extract().jsonPath();
        assertThat(reported.getString("state")).isEqualTo("failed");
        assertThat(reported.getString("via")).isEqualTo("slack");
        assertThat(reported.getString("target")).isEqualTo("cluster/cluster-03");
        assertThat(reported.getString("message")).contains("interrupted: fleet-ops replica fleet-ops-6d5f8-x2kq stopped");
        assertThat(as(Tokens.viewer()).get("/api/v1/audit?limit=5000").jsonPath().getList("findAll { it.operationId == 'op-deadrep234' }.outcome"))
                .containsExactly("failed");
        assertThat(journal()).doesNotContainKey("op-deadrep234").containsKey("op-aiivesync2");
        // reported once: a second look changes nothing
        journal.reportInterrupted();
        assertThat(as(Tokens.viewer()).get("/api/v1/audit?limit=5000").jsonPath().getList("findAll { it.operationId == 'op-deadrep234' }"))
                .hasSize(1);
    }

    private Map<String, String> journal() {
        ConfigMap map = fleet.central().client().configMaps().inNamespace("fleet-ops").withName("fleet-ops-operations").get();
        return map == null || map.getData() == null ? Map.of() : map.getData();
    }

    private void put(Map<String, String> values) {
        var resource = fleet.central().client().configMaps().inNamespace("fleet-ops").withName("fleet-ops-operations");
        if (resource.get() == null) {
            fleet.central().client().configMaps().inNamespace("fleet-ops").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("fleet-ops-operations").withNamespace("fleet-ops").endMetadata().addToData(values).build()).create();
        } else {
            resource.edit(map -> new ConfigMapBuilder(map).addToData(values).build());
        }
    }
}
