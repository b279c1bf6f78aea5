package lab.miribit.fleetops.sync;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.demo.ArgoCdSimulator;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.SyncOptions;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/** Sync through the real Application resources, carried out by the simulated Argo CD controller. */
@QuarkusTest
class SyncFlowTest {

    private static final String OLIVIA_INITIATED = Tokens.subjectOf("olivia") + " \"olivia\" via rest (fleet-ops)";

    @InjectFleet
    EmbeddedFleet fleet;

    @Inject
    OperationService operations;

    @Inject
    ApplicationCache cache;

    @Inject
    ArgoCd argoCd;

    @Test
    void syncOfOneAppSetsArgoCdsOperationAndRecordsTheOutcome() {
        int historyBefore = history("longhorn-cluster-03").size();
        // Argo CD numbers deployments from 0, each the last one's id + 1 (controller/state.go).
        int nextId = history("longhorn-cluster-03").stream().mapToInt(h -> ((Number) ((Map<?, ?>) h).get("id")).intValue()).max().orElse(-1) + 1;
        String id = json(Tokens.operator(), "{\"prune\":true}").post("/api/v1/apps/longhorn-cluster-03/sync")
                .then().statusCode(202).header("Location", containsString("/api/v1/operations/"))
                .body("state", equalTo("pending")).body("kind", equalTo("sync")).extract().path("id");

        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getString("requestedBy")).isEqualTo(Tokens.subjectOf("olivia"));
        assertThat(done.getString("requestedByName")).isEqualTo("olivia");
        assertThat(done.getString("via")).isEqualTo("rest");

        Map<String, Object> state = operationState("longhorn-cluster-03");
        Map<String, Object> operation = map(state.get("operation"));
        assertThat(map(operation.get("initiatedBy")).get("username")).isEqualTo(OLIVIA_INITIATED);
        assertThat(map(operation.get("sync")).get("prune")).isEqualTo(true);
        assertThat(state.get("phase")).isEqualTo("Succeeded");
        assertThat(history("longhorn-cluster-03")).hasSize(Math.min(historyBefore + 1, 10));
        assertThat(application("longhorn-cluster-03").getAdditionalProperties().get("operation")).isNull();

        // The event is written beside the sync, not on its path: it lands, though not necessarily before the sync ends.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> fleet.central().client().v1().events()
                .inNamespace("argocd").list().getItems().stream()
                .anyMatch(e -> "longhorn-cluster-03".equals(e.getInvolvedObject().getName())
                        && "SyncRequested".equals(e.getReason()) && e.getMessage().contains(OLIVIA_INITIATED)
                        && e.getMessage().contains(id)));

        as(Tokens.viewer()).get("/api/v1/apps/longhorn-cluster-03/history").then().statusCode(200)
                .body("[0].id", equalTo(nextId)).body("[0].initiatedBy", equalTo(OLIVIA_INITIATED));
    }

    @Test
    void clusterSyncRunsWaveByWaveEachStartingAfterThePreviousIsHealthy() {
        String id = json(Tokens.admin(), "{}").post("/api/v1/clusters/cluster-02/sync").then().statusCode(202)
                .extract().path("id");
        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getList("steps.name")).containsExactly("wave 0: namespaces-cluster-02", "wave 1: longhorn-cluster-02",
                "wave 2: fluent-operator-cluster-02", "wave 3: prometheus-agent-cluster-02", "wave 4: fluent-bit-cluster-02");
        assertThat(done.getList("steps.state")).containsOnly("succeeded");

        List<String> waves = List.of("namespaces-cluster-02", "longhorn-cluster-02", "fluent-operator-cluster-02",
                "prometheus-agent-cluster-02", "fluent-bit-cluster-02");
        for (int i = 1; i < waves.size(); i++) {
            Instant previousFinished = Instant.parse((String) operationState(waves.get(i - 1)).get("finishedAt"));
            Instant started = Instant.parse((String) operationState(waves.get(i)).get("startedAt"));
            assertThat(started).as(waves.get(i) + " starts after " + waves.get(i - 1) + " finished")
                    .isAfterOrEqualTo(previousFinished);
        }
    }

    @Test
    void aWaveThatNeverBecomesHealthyFailsTheOperationNamingTheApp() {
        fleet.simulator().outcome("prometheus-agent-cluster-03", ArgoCdSimulator.Outcome.STAYS_PROGRESSING);
        Object lastWaveFinishedBefore = operationState("fluent-bit-cluster-03").get("finishedAt");
        try {
            String id = json(Tokens.operator(), "{}").post("/api/v1/clusters/cluster-03/sync").then().statusCode(202)
                    .extract().path("id");
            JsonPath done = awaitFinished(Tokens.viewer(), id);
            assertThat(done.getString("state")).isEqualTo("failed");
            assertThat(done.getString("message")).contains("wave 3").contains("prometheus-agent-cluster-03 (Synced, Progressing)");
            assertThat(done.getString("steps[3].state")).isEqualTo("failed");
            assertThat(done.getString("steps[4].state")).isEqualTo("skipped");
            // The last wave was never started: Argo CD got no operation for it.
            assertThat(operationState("fluent-bit-cluster-03").get("finishedAt")).isEqualTo(lastWaveFinishedBefore);
        } finally {
            fleet.simulator().outcome("prometheus-agent-cluster-03", ArgoCdSimulator.Outcome.HEALTHY);
        }
    }

    @Test
    void aSyncThatArgoCdFailsReportsArgoCdsMessage() {
        String id = json(Tokens.operator(), "{}").post("/api/v1/apps/" + DemoFleetSeed.FAILING_APP + "/sync").then()
                .statusCode(202).extract().path("id");
        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("state")).isEqualTo("failed");
        assertThat(done.getString("message")).contains(DemoFleetSeed.FAILING_APP).contains("sync failed")
                .contains("spec.template.spec.containers[0].image: Required value");
    }

    @Test
    void aSecondSyncOnABusyAppIsRefusedWithoutWritingAnything() {
        String app = "fluent-operator-cluster-04";
        fleet.simulator().hold(app);
        try {
            String first = json(Tokens.operator(), "{}").post("/api/v1/apps/" + app + "/sync").then().statusCode(202)
                    .extract().path("id");
            org.awaitility.Awaitility.await().until(() -> application(app).getAdditionalProperties().get("operation") != null);
            // The service knows it too: else it would try a write the API server refuses (see the test after next).
            org.awaitility.Awaitility.await().until(() -> cache.find(app).map(a -> a.getOperation() != null).orElse(false));
            String versionBefore = application(app).getMetadata().getResourceVersion();
            fleet.central().takeRequests();

            json(Tokens.admin(), "{}").post("/api/v1/apps/" + app + "/sync").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("another operation is already in progress"));
            json(Tokens.admin(), "{}").post("/api/v1/clusters/cluster-04/sync").then().statusCode(409);

            // No operation written to an application of cluster-04, no Event recorded.
            assertThat(fleet.central().takeRequests().stream().filter(r -> !r.contains("/apis/coordination.k8s.io/")))
                    .noneMatch(r -> r.startsWith("POST") || !r.startsWith("GET") && r.contains("cluster-04"));
            assertThat(application(app).getMetadata().getResourceVersion()).isEqualTo(versionBefore);

            fleet.simulator().release(app);
            assertThat(awaitFinished(Tokens.viewer(), first).getString("state")).isEqualTo("succeeded");
        } finally {
            fleet.simulator().release(app);
        }
    }

    @Test
    void anOperationStartedOutsideFleetOpsAlsoMakesTheAppBusy() {
        String app = "prometheus-agent-cluster-04";
        fleet.simulator().hold(app);
        try {
            GenericKubernetesResource current = application(app);
            current.setAdditionalProperty("operation", Map.of("sync", Map.of("revision", "main"),
                    "initiatedBy", Map.of("username", "someone-in-the-argocd-ui")));
            fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                    .resource(current).update();
            org.awaitility.Awaitility.await().untilAsserted(() -> json(Tokens.operator(), "{}")
                    .post("/api/v1/apps/" + app + "/sync").then().statusCode(409)
                    .body("detail", equalTo(app + ": another operation is already in progress")));
        } finally {
            fleet.simulator().release(app);
        }
    }

    @Test
    void aSyncIsWrittenInOneRequestOverTheVersionTheServiceHolds() {
        String app = "longhorn-cluster-01";
        String path = "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/" + app;
        // The service holds the version the API server has (an earlier test's change has reached its cache).
        org.awaitility.Awaitility.await().until(() -> cache.find(app).map(a -> a.getMetadata().getResourceVersion())
                .equals(java.util.Optional.of(application(app).getMetadata().getResourceVersion())));
        int before = fleet.central().recordedRequests().size();
        String id = json(Tokens.operator(), "{}").post("/api/v1/apps/" + app + "/sync").then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("state")).isEqualTo("succeeded");
        List<String> requests = fleet.central().recordedRequests();
        // The service's own requests on the application: the operation set by one conditional patch, no read before it.
        assertThat(requests.subList(before, requests.size()).stream().filter(r -> r.endsWith(path) || r.contains(path + "?")))
                .containsExactly("PATCH " + path);
        assertThat(operationState(app).get("operation")).asString().contains(id);
    }

    @Test
    void aWriteOverAVersionThatChangedIsReadAgainBeforeItIsDecided() {
        String app = "prometheus-agent-cluster-02";
        fleet.simulator().hold(app);
        Application stale = cache.find(app).orElseThrow();
        assertThat(stale.getOperation()).as("the version the service judged has no operation").isNull();
        Application.Operation ours = operation("op-stale-ours");
        String path = "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/" + app;
        try {
            // Someone changes the application behind the service's back: the version it holds is gone.
            GenericKubernetesResource changed = application(app);
            Map<String, String> labels = new java.util.HashMap<>(java.util.Objects.requireNonNullElse(changed.getMetadata().getLabels(), Map.of()));
            labels.put("changed-behind", "yes");
            changed.getMetadata().setLabels(labels);
            fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                    .resource(changed).update();

            // The conditional write is refused; the application is read again, and without an operation it gets ours.
            int before = fleet.central().recordedRequests().size();
            argoCd.startOperation(app, stale, ours);
            List<String> requests = fleet.central().recordedRequests();
            assertThat(requests.subList(before, requests.size()).stream().filter(r -> r.endsWith(path) || r.contains(path + "?")))
                    .containsExactly("PATCH " + path, "GET " + path, "PUT " + path);
            GenericKubernetesResource written = application(app);
            assertThat(written.getMetadata().getLabels()).containsEntry("changed-behind", "yes");
            assertThat(written.getAdditionalProperties().get("operation")).asString().contains("op-stale-ours");

            // The same write again (a retried request) is done, not a conflict; another one is refused as Argo CD refuses it.
            argoCd.startOperation(app, stale, ours);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> argoCd.startOperation(app, stale, operation("op-stale-other"))))
                    .isInstanceOf(FleetProblem.Conflict.class).hasMessage(ArgoCd.ANOTHER_OPERATION);
            assertThat(application(app).getAdditionalProperties().get("operation")).asString().contains("op-stale-ours")
                    .doesNotContain("op-stale-other");
        } finally {
            argoCd.withdrawOperation(app, "op-stale-ours");
            fleet.simulator().release(app);
        }
    }

    private static Application.Operation operation(String operationId) {
        return new Application.Operation(new Application.SyncOperation(null, null, null, true, null, null, null, null, null),
                new Application.Initiator("test", false), List.of(new Application.Info(ApplicationCache.OPERATION_INFO, operationId)),
                null);
    }

    @Test
    void syncingToAnotherRevisionUnderAutoSyncIsRefusedUnlessDryRun() {
        json(Tokens.operator(), "{\"revision\":\"v9.9.9\"}").post("/api/v1/apps/longhorn-cluster-04/sync").then()
                .statusCode(409).body("detail", equalTo("longhorn-cluster-04: Cannot sync to v9.9.9: auto-sync currently set to main"));
        String dryRun = json(Tokens.operator(), "{\"revision\":\"v9.9.9\",\"dryRun\":true}")
                .post("/api/v1/apps/longhorn-cluster-04/sync").then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), dryRun).getString("state")).isEqualTo("succeeded");
        // A manually synced app may go to another revision.
        String manual = json(Tokens.operator(), "{\"revision\":\"release-1.2\"}")
                .post("/api/v1/apps/opensearch-dashboards-cluster-01/sync").then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), manual).getString("state")).isEqualTo("succeeded");
        assertThat(map(map(operationState("opensearch-dashboards-cluster-01").get("operation")).get("sync")).get("revision"))
                .isEqualTo("release-1.2");
    }

    @Test
    void aDryRunLeavesHistoryAlone() {
        int before = history("fluent-bit-cluster-02").size();
        String id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/fluent-bit-cluster-02/sync").then()
                .statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("state")).isEqualTo("succeeded");
        assertThat(history("fluent-bit-cluster-02")).hasSize(before);
    }

    @Test
    void aSubsetOfResourcesIsPassedToArgoCd() {
        String id = json(Tokens.operator(), "{\"resources\":[\"apps/Deployment/monitoring/grafana\",\"/ConfigMap/monitoring/grafana-dashboards\"]}")
                .post("/api/v1/apps/" + DemoFleetSeed.OUT_OF_SYNC_APP + "/sync").then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("state")).isEqualTo("succeeded");
        List<Object> resources = list(map(map(operationState(DemoFleetSeed.OUT_OF_SYNC_APP).get("operation")).get("sync"))
                .get("resources"));
        assertThat(resources).containsExactly(
                Map.of("group", "apps", "kind", "Deployment", "namespace", "monitoring", "name", "grafana"),
                Map.of("group", "", "kind", "ConfigMap", "namespace", "monitoring", "name", "grafana-dashboards"));

        json(Tokens.operator(), "{\"resources\":[\"Deployment:grafana\"]}")
                .post("/api/v1/apps/" + DemoFleetSeed.OUT_OF_SYNC_APP + "/sync").then().statusCode(400)
                .body("detail", containsString("group/Kind/namespace/name"));
    }

    @Test
    void theAppsAMergeChangedAreSyncedAndNothingElse() {
        String body = "{\"repoURL\":\"HTTP://GitLab.k8s-cluster-01.miribit.lab/observability/thanos-multi-cluster/\","
                + "\"revision\":\"0123456789abcdef0123456789abcdef01234567\",\"dryRun\":true,"
                + "\"changedPaths\":[\"deploy/overlays/cluster-02-edge/prometheus-agent/values.yaml\","
                + "\"deploy/overlays/cluster-04-edge/longhorn/kustomization.yaml\",\"README.md\"]}";
        String id = json(Tokens.ci(), body).post("/api/v1/sync").then().statusCode(202).body("via", equalTo("ci"))
                .extract().path("id");
        JsonPath done = awaitFinished(Tokens.ci(), id);
        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getList("steps.name")).containsExactly("wave 1: longhorn-cluster-04", "wave 3: prometheus-agent-cluster-02");

        String unrelated = json(Tokens.ci(), "{\"repoURL\":\"https://gitlab.example/other/repo.git\",\"changedPaths\":[\"x\"]}")
                .post("/api/v1/sync").then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.ci(), unrelated).getString("message")).contains("nothing to sync");

        json(Tokens.ci(), "{\"apps\":[\"x\"],\"repoURL\":\"https://gitlab.example/a.git\",\"changedPaths\":[\"x\"]}")
                .post("/api/v1/sync").then().statusCode(400);
    }

    /** What chat sends: names as typed, resolved by the sync handler against the fleet it knows. */
    @Test
    void namesAsTypedAreResolvedAtTheDoorIntoClustersAndApplications() {
        Caller operator = new Caller("chat-operator", "chat-operator", Set.of(FleetRole.VIEWER, FleetRole.OPERATOR), Via.REST);
        SyncOptions dryRun = new SyncOptions(false, true, null, List.of());
        Operation.Snapshot mixed = operations.submit(operator,
                new Command.SyncTargets(List.of("cluster-02", "grafana-cluster-01", "longhorn-cluster-02"), dryRun));
        // Recorded as what it stands for: the cluster's applications, then the other names, each once.
        assertThat(mixed.target()).startsWith("apps/").endsWith(",grafana-cluster-01").containsOnlyOnce("longhorn-cluster-02")
                .contains("namespaces-cluster-02", "fluent-operator-cluster-02", "prometheus-agent-cluster-02", "fluent-bit-cluster-02");
        JsonPath done = awaitFinished(Tokens.viewer(), mixed.id());
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(String.join(" ", done.getList("steps.name", String.class))).contains("namespaces-cluster-02", "longhorn-cluster-02",
                "fluent-operator-cluster-02", "prometheus-agent-cluster-02", "fluent-bit-cluster-02", "grafana-cluster-01");

        // One cluster is a cluster sync: the cluster itself is busy while it runs.
        Operation.Snapshot one = operations.submit(operator, new Command.SyncTargets(List.of("cluster-04"), dryRun));
        assertThat(one.target()).isEqualTo("cluster/cluster-04");
        // Refused either for the busy cluster or, once the first wave started, for its application's Argo CD operation.
        json(Tokens.admin(), "{}").post("/api/v1/clusters/cluster-04/sync").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.anyOf(containsString("cluster/cluster-04"), containsString("in progress")));
        awaitFinished(Tokens.viewer(), one.id());

        // A name that is neither is refused, and nothing is started.
        int before = operations.newest(1000).size();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> operations.submit(operator,
                new Command.SyncTargets(List.of("cluster-02", "no-such-thing"), dryRun)))
                .isInstanceOf(FleetProblem.NotFound.class).hasMessageContaining("'no-such-thing'")
                .satisfies(e -> assertThat(((FleetProblem) e).reason()).contains(FleetProblem.Reason.of("target-not-found", "no-such-thing")));
        assertThat(operations.newest(1000)).hasSize(before);
    }

    @Test
    void aCiJobCanWaitForTheSyncToEnd() {
        String body = "{\"repoURL\":\"" + DemoFleetSeed.REPO_URL + "\",\"revision\":\"abcdef1\",\"dryRun\":true,\"wait\":true,"
                + "\"changedPaths\":[\"deploy/overlays/cluster-02-edge/fluent-bit/values.yaml\"]}";
        json(Tokens.ci(), body).post("/api/v1/sync").then().statusCode(200).body("state", equalTo("succeeded"))
                .body("steps[0].name", equalTo("wave 4: fluent-bit-cluster-02"));
        json(Tokens.ci(), body.replace("\"wait\":true", "\"wait\":true,\"waitSeconds\":0")).post("/api/v1/sync").then()
                .statusCode(400);
    }

    @Test
    void aRefreshIsConsumedByArgoCd() {
        String id = as(Tokens.operator()).post("/api/v1/apps/longhorn-cluster-01/refresh?hard=true").then().statusCode(202)
                .extract().path("id");
        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getString("message")).isEqualTo("hard refresh of longhorn-cluster-01 done");
        assertThat(application("longhorn-cluster-01").getMetadata().getAnnotations()).doesNotContainKey("argocd.argoproj.io/refresh");
    }

    private GenericKubernetesResource application(String name) {
        return fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                .inNamespace("argocd").withName(name).get();
    }

    private Map<String, Object> operationState(String app) {
        return map(map(application(app).getAdditionalProperties().get("status")).get("operationState"));
    }

    private List<Object> history(String app) {
        return list(map(application(app).getAdditionalProperties().get("status")).get("history"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
