package lab.miribit.fleetops.diagnostics;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.FleetTestResource;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/** The runbook against the embedded fleet: each rule reads its own evidence, from the Applications and the clusters. */
@QuarkusTest
class DiagnosticsTest {

    @InjectFleet
    EmbeddedFleet fleet;

    private static JsonPath diagnose(String query) {
        return as(Tokens.viewer()).get("/api/v1/diagnostics" + query).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> finding(JsonPath report, String rule, String target) {
        List<Map<String, Object>> findings = report.getList("findings");
        return findings.stream().filter(f -> rule.equals(f.get("rule")) && target.equals(f.get("target"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " finding for " + target + " in " + report.prettify()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> evidence(Map<String, Object> finding) {
        return (List<String>) finding.get("evidence");
    }

    @Test
    void theCentralClustersTroubleIsFoundWithItsEvidenceAndRemedy() {
        JsonPath report = diagnose("?cluster=cluster-01");
        assertThat(report.getString("scope")).isEqualTo("cluster/cluster-01");

        Map<String, Object> stuck = finding(report, "application-unhealthy", "app/" + DemoFleetSeed.PROGRESSING_APP);
        assertThat(evidence(stuck)).anyMatch(e -> e.contains("PersistentVolumeClaim data-opensearch-cluster-master-0 on cluster-01"
                + " is Pending (storage class longhorn)"));
        assertThat(evidence(stuck)).anyMatch(e -> e.contains("pod opensearch-cluster-master-0 on cluster-01: Pending — 0/3 nodes"));
        assertThat((String) stuck.get("remedy")).contains("StorageClass (Longhorn)");

        Map<String, Object> failed = finding(report, "sync-failed", "app/" + DemoFleetSeed.FAILING_APP);
        assertThat(failed.get("severity")).isEqualTo("critical");
        assertThat(evidence(failed)).anyMatch(e -> e.contains("spec.template.spec.containers[0].image: Required value"));

        Map<String, Object> render = finding(report, "render-error", "app/" + DemoFleetSeed.RENDER_ERROR_APP);
        assertThat((String) render.get("remedy")).contains("kustomize build --enable-helm deploy/overlays/cluster-01-central/opensearch-dashboards");

        Map<String, Object> gitlab = finding(report, "gitlab-pods", "namespace/gitlab");
        assertThat(evidence(gitlab)).containsExactly("pod gitlab-webservice-default-7d9c8b6f5-x2k4q is not ready (phase Running)");
        assertThat(report.getList("findings.severity")).isSortedAccordingTo((a, b) -> order(a) - order(b));
    }

    @Test
    void aCrashLoopOnAnEdgeIsReadThroughThatClustersOwnClient() {
        JsonPath report = diagnose("?app=" + DemoFleetSeed.DEGRADED_APP);
        Map<String, Object> degraded = finding(report, "application-unhealthy", "app/" + DemoFleetSeed.DEGRADED_APP);
        assertThat(degraded.get("severity")).isEqualTo("critical");
        assertThat(evidence(degraded)).contains("pod fluent-bit-node1 on cluster-04: container fluent-bit CrashLoopBackOff (42 restarts)");
        assertThat((String) degraded.get("remedy")).contains("kubectl logs --previous").endsWith("/fleet sync " + DemoFleetSeed.DEGRADED_APP);
    }

    @Test
    void outOfSyncNamesTheDifferingResourcesAndAsksForPruneWhenNeeded() {
        String name = "thanos-query-cluster-01";
        Object before = map(application(name).getAdditionalProperties().get("status")).get("sync");
        observe(name, status -> {
            // As Argo CD reports it after comparing: the same source compared, two resources differing.
            Map<String, Object> sync = new java.util.LinkedHashMap<>(map(status.get("sync")));
            sync.put("status", "OutOfSync");
            status.put("sync", sync);
            status.put("resources", List.of(
                    Map.of("group", "apps", "kind", "Deployment", "namespace", "monitoring", "name", "thanos-query", "status", "OutOfSync"),
                    Map.of("group", "", "kind", "ConfigMap", "namespace", "monitoring", "name", "old-rules", "status", "OutOfSync",
                            "requiresPruning", true)));
        });
        try {
            await().untilAsserted(() -> {
                Map<String, Object> finding = finding(diagnose("?app=" + name), "application-out-of-sync", "app/" + name);
                assertThat(evidence(finding)).contains("Deployment monitoring/thanos-query differs from Git",
                        "ConfigMap monitoring/old-rules is no longer in Git (needs pruning)");
                assertThat((String) finding.get("remedy")).startsWith("/fleet sync " + name + " --prune");
            });
        } finally {
            observe(name, status -> {
                status.put("sync", before);
                status.put("resources", List.of(Map.of("group", "apps", "version", "v1", "kind", "Deployment",
                        "namespace", "monitoring", "name", "thanos-query", "status", "Synced")));
            });
        }
    }

    @Test
    void aRepositoryThatRefusesArgoCdIsTold() {
        String name = "thanos-store-cluster-01";
        observe(name, status -> status.put("conditions", List.of(Map.of("type", "ComparisonError", "message",
                "rpc error: code = Unknown desc = authentication required: HTTP Basic: Access denied"))));
        try {
            await().untilAsserted(() -> {
                Map<String, Object> finding = finding(diagnose("?app=" + name), "repository-unreachable", "app/" + name);
                assertThat((String) finding.get("remedy")).contains("ends in .git");
            });
        } finally {
            observe(name, status -> status.put("conditions", List.of()));
        }
    }

    /** Writes a status as Argo CD's controller would have observed it. */
    private void observe(String name, java.util.function.Consumer<Map<String, Object>> change) {
        GenericKubernetesResource app = application(name);
        change.accept(map(app.getAdditionalProperties().get("status")));
        fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .resource(app).update();
    }

    @Test
    void anUnreachableClusterIsAFindingAndNeverFailsTheReport() {
        JsonPath report = diagnose("");
        assertThat(report.getString("scope")).isEqualTo("fleet");
        Map<String, Object> unreachable = finding(report, "cluster-unreachable", "cluster/" + FleetTestResource.HANGING_CLUSTER);
        assertThat(evidence(unreachable)).anyMatch(e -> e.startsWith("probe of /version: no answer within"));
        assertThat(report.getList("findings.rule")).contains("sync-failed", "gitlab-pods");
    }

    @Test
    void anApplicationOnAClusterThatCannotBeReadIsStillReportedAndTheReportIsPartial() {
        GenericKubernetesResource app = new DemoFleetSeed("argocd").application(new DemoFleetSeed.DemoApp("grafana-cluster-05",
                FleetTestResource.HANGING_CLUSTER, "edge", "grafana", "monitoring", 5), "cluster-01");
        app.getMetadata().setFinalizers(null);
        map(app.getAdditionalProperties().get("status")).put("health", Map.of("status", "Degraded", "message", "0 of 1 ready"));
        fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .resource(app).create();
        try {
            await().untilAsserted(() -> {
                JsonPath report = diagnose("?app=grafana-cluster-05");
                Map<String, Object> finding = finding(report, "application-unhealthy", "app/grafana-cluster-05");
                assertThat((String) finding.get("summary")).isEqualTo("grafana-cluster-05 is Degraded");
                assertThat(evidence(finding)).contains("health Degraded: 0 of 1 ready", "on " + FleetTestResource.HANGING_CLUSTER
                        + ", pods and claims could not be read: the API server did not answer in time");
                assertThat(report.getBoolean("complete")).isFalse();
                assertThat(report.getList("gaps.source")).containsExactly("cluster/" + FleetTestResource.HANGING_CLUSTER);
            });
        } finally {
            fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                    .withName("grafana-cluster-05").delete();
        }
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fleet.s3.endpoint")
    String s3Endpoint;

    @Test
    void gitLabsObjectStorageKeysAreTriedAgainstS3WithoutShowingThem() {
        String target = "secret/gitlab/gitlab-object-storage";
        assertThat((String) finding(diagnose("?cluster=cluster-01"), "gitlab-s3", target).get("summary"))
                .isEqualTo("GitLab has no object-storage Secret");
        String wrongKey = "wrong-secret-key-1234";
        putConnection("S3RVER", wrongKey);
        try {
            await().untilAsserted(() -> {
                Map<String, Object> refused = finding(diagnose("?cluster=cluster-01"), "gitlab-s3", target);
                assertThat(evidence(refused)).anyMatch(e -> e.contains("S3 refused the credentials (SignatureDoesNotMatch)"));
                assertThat(refused.toString()).doesNotContain(wrongKey);
            });
            putConnection("S3RVER", "S3RVER");
            await().untilAsserted(() -> assertThat(diagnose("?cluster=cluster-01").getList("findings.rule")).doesNotContain("gitlab-s3"));
        } finally {
            fleet.central().client().secrets().inNamespace("gitlab").withName("gitlab-object-storage").delete();
        }
    }

    private void putConnection(String accessKey, String secretKey) {
        String connection = "provider: AWS\nregion: us-east-1\naws_access_key_id: " + accessKey + "\naws_secret_access_key: "
                + secretKey + "\nendpoint: \"" + s3Endpoint + "\"\npath_style: true\n";
        fleet.central().client().secrets().inNamespace("gitlab").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("gitlab-object-storage").withNamespace("gitlab").endMetadata()
                .addToData("connection", java.util.Base64.getEncoder().encodeToString(connection.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build()).createOr(existing -> existing.update());
    }

    @Test
    void chatDiagnosesTooAndBadScopesAreRefused() {
        String text = json(Tokens.bearer("diag-user", "fleet-viewer"), "{\"text\":\"diagnose " + DemoFleetSeed.PROGRESSING_APP + "\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().path("text");
        assertThat(text).startsWith("Diagnosis of app/" + DemoFleetSeed.PROGRESSING_APP).contains("application-unhealthy")
                .contains("→ ");
        as(Tokens.viewer()).get("/api/v1/diagnostics?cluster=cluster-01&app=x").then().statusCode(400);
        as(Tokens.viewer()).get("/api/v1/diagnostics?app=Bad_Name").then().statusCode(400);
        as(Tokens.viewer()).get("/api/v1/diagnostics?app=no-such-app").then().statusCode(404);
        as(null).get("/api/v1/diagnostics").then().statusCode(401);
    }

    private static int order(Object severity) {
        return List.of("critical", "warning", "info").indexOf(severity);
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
