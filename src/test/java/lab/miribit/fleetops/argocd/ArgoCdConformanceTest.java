package lab.miribit.fleetops.argocd;

import static io.restassured.RestAssured.given;
import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static lab.miribit.fleetops.testing.TestApplications.app;
import static lab.miribit.fleetops.testing.TestApplications.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.ArgoCdSimulator;
import lab.miribit.fleetops.demo.CertificateAuthority;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.GitLabStandInResource;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.TestApplications;
import lab.miribit.fleetops.testing.TlsServer;
import lab.miribit.fleetops.testing.Tokens;

/**
 * fleet-ops against Argo CD 3.1's semantics, one test per behaviour, each citing the upstream code
 * (argoproj/argo-cd v3.1.8) it follows. The simulated controller carries out what fleet-ops writes; the embedded
 * API server prunes and validates against the Application CRD as kube-apiserver does.
 */
@QuarkusTest
class ArgoCdConformanceTest {

    @InjectFleet
    EmbeddedFleet fleet;

    // server/application/application.go:2040-2051 (Sync copies spec.syncPolicy.syncOptions and retry into the
    // operation); controller/sync.go:372-390 (the controller reads only the operation's options).
    @Test
    void aSyncCarriesTheApplicationsSyncOptionsAndRetry() {
        try (TestApplications apps = new TestApplications(central())) {
            apps.create(app("conformance-options").with(spec -> {
                spec.put("destination", Map.of("name", "cluster-02", "namespace", "conformance-created"));
                spec.put("syncPolicy", Map.of("syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true"),
                        "retry", Map.of("limit", 2, "backoff", Map.of("duration", "1s", "factor", 2, "maxDuration", "10s"))));
            }));
            JsonPath done = sync("conformance-options", "{}");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            Map<String, Object> operation = map(operationState("conformance-options").get("operation"));
            assertThat(map(operation.get("sync")).get("syncOptions")).isEqualTo(List.of("CreateNamespace=true", "ServerSideApply=true"));
            assertThat(operation.get("retry")).isEqualTo(Map.of("limit", 2, "backoff",
                    Map.of("duration", "1s", "factor", 2, "maxDuration", "10s")));
            assertThat(edge("cluster-02").namespaces().withName("conformance-created").get()).isNotNull();
        }
    }

    // controller/sync.go:388-390 and gitops-engine sync_context.go:595: without CreateNamespace=true a missing
    // namespace fails the apply with the API server's words.
    @Test
    void withoutCreateNamespaceAMissingNamespaceFailsTheSyncWithArgoCdsMessage() {
        try (TestApplications apps = new TestApplications(central())) {
            apps.create(app("conformance-no-namespace").with(spec -> {
                spec.put("destination", Map.of("name", "cluster-02", "namespace", "conformance-absent"));
                spec.put("syncPolicy", Map.of("syncOptions", List.of("ServerSideApply=true")));
            }));
            JsonPath done = sync("conformance-no-namespace", "{}");
            assertThat(done.getString("state")).isEqualTo("failed");
            assertThat(done.getString("message")).contains("one or more objects failed to apply, reason: namespaces"
                    + " \"conformance-absent\" not found");
        }
    }

    // controller/appcontroller.go:1476-1491 and types.go NextRetryAt: a failed attempt with retries left goes back to
    // Running ("… Retrying attempt #n at …") and is tried again after the backoff; only the last attempt decides.
    @Test
    void aSyncArgoCdRetriesIsJudgedOnItsLastAttempt() {
        try (TestApplications apps = new TestApplications(central())) {
            String app = "conformance-retry";
            apps.create(app(app).with(spec -> spec.put("syncPolicy", Map.of("syncOptions", List.of("CreateNamespace=true"),
                    "retry", Map.of("limit", 2, "backoff", Map.of("duration", "100ms", "factor", 2, "maxDuration", "1s"))))));
            fleet.simulator().failWith(app, "the admission webhook refused it");
            JsonPath done = sync(app, "{}");
            assertThat(done.getString("state")).isEqualTo("failed");
            assertThat(done.getString("message")).contains("the admission webhook refused it (retried 2 times).");
            assertThat(operationState(app)).containsEntry("retryCount", 2).containsEntry("phase", "Failed");
        }
    }

    // server/application/application.go:2186-2199: a rollback carries the application's syncOptions, no retry,
    // and the apply strategy without force.
    @Test
    void aRollbackCarriesTheSyncOptionsButNotTheRetry() {
        try (TestApplications apps = new TestApplications(central())) {
            String head = DemoFleetSeed.revision("main@conformance-rollback-options");
            apps.create(app("conformance-rollback-options").with(spec -> spec.put("syncPolicy", Map.of(
                    "syncOptions", List.of("CreateNamespace=true", "PruneLast=true"), "retry", Map.of("limit", 3))))
                    .deployedAt(head, List.of(deployment("monitoring", "conformance-rollback-options")))
                    .status(status -> status.put("history", List.of(historyEntry(0, DemoFleetSeed.revision("old"), "main"),
                            historyEntry(1, head, "main")))));
            JsonPath done = rollback("conformance-rollback-options", "{}");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            Map<String, Object> operation = map(operationState("conformance-rollback-options").get("operation"));
            Map<String, Object> sync = map(operation.get("sync"));
            assertThat(sync.get("syncOptions")).isEqualTo(List.of("CreateNamespace=true", "PruneLast=true"));
            assertThat(sync.get("syncStrategy")).isEqualTo(Map.of("apply", Map.of()));
            assertThat(operation).doesNotContainKey("retry");
        }
    }

    // controller/state.go CompareAppState: sync status is always against targetRevision, so after a sync to another
    // revision the application stays OutOfSync; the sync is done when Argo CD says the operation succeeded.
    @Test
    void aSyncToAnotherRevisionIsDoneWhenTheOperationSucceedsAndStaysOutOfSync() {
        try (TestApplications apps = new TestApplications(central())) {
            apps.create(app("conformance-revision").deployedAt(DemoFleetSeed.revision("main@conformance-revision"),
                    List.of(deployment("monitoring", "conformance-revision"))));
            JsonPath done = sync("conformance-revision", "{\"revision\":\"release-1.2\"}");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            assertThat(done.getString("message")).contains("OutOfSync");
            assertThat(status("conformance-revision").get("sync")).extracting(s -> map(s).get("status")).isEqualTo("OutOfSync");
        }
    }

    // controller/sync.go:460 and gitops-engine sync_context.go:1212-1217: a sync of some resources, or one without
    // prune while an extra resource exists, succeeds and leaves the application OutOfSync.
    @Test
    void aSyncOfSomeResourcesOrWithoutPruneIsDoneAndReportedOutOfSync() {
        try (TestApplications apps = new TestApplications(central())) {
            String app = "conformance-subset";
            apps.create(app(app).deployedAt(DemoFleetSeed.revision("main@" + app), List.of(deployment("monitoring", "a"),
                    deployment("monitoring", "b"))));
            awaitKnown(app);
            fleet.simulator().push(app);
            JsonPath subset = sync(app, "{\"resources\":[\"apps/Deployment/monitoring/a\"]}");
            assertThat(subset.getString("state")).as(subset.prettify()).isEqualTo("succeeded");
            assertThat(subset.getString("message")).contains("OutOfSync");

            fleet.simulator().addLiveOnly(app, "", "ConfigMap", "monitoring", "left-over");
            await().atMost(Duration.ofSeconds(5)).until(() -> list(status(app).get("resources")).stream()
                    .anyMatch(r -> Boolean.TRUE.equals(r.get("requiresPruning"))));
            JsonPath withoutPrune = sync(app, "{}");
            assertThat(withoutPrune.getString("state")).as(withoutPrune.prettify()).isEqualTo("succeeded");
            assertThat(withoutPrune.getString("message")).contains("OutOfSync").contains("prune");

            JsonPath pruned = sync(app, "{\"prune\":true}");
            assertThat(pruned.getString("state")).as(pruned.prettify()).isEqualTo("succeeded");
            assertThat(map(status(app).get("sync")).get("status")).isEqualTo("Synced");
        }
    }

    // controller/appcontroller.go setOperationState then the CompareWithLatestForceResolve refresh: the operation's
    // end is written before sync and health are compared again; status is judged only once reconciledAt >= finishedAt.
    @Test
    void aSyncIsJudgedOnTheComparisonAfterItNotOnTheStatusBefore() {
        try (TestApplications apps = new TestApplications(central())) {
            String app = "conformance-fresh";
            apps.create(app(app).deployedAt(DemoFleetSeed.revision("main@" + app), List.of(deployment("monitoring", app))));
            fleet.simulator().outcome(app, ArgoCdSimulator.Outcome.STAYS_DEGRADED);
            JsonPath done = sync(app, "{}");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("failed");
            assertThat(done.getString("message")).contains(app + " (Synced, Degraded)");
        }
    }

    // server/application/application.go:2179-2199: a multi-source history entry is rolled back with its sources and
    // revisions (types.go GetSources: sources win over source).
    @Test
    void aRollbackOfAMultiSourceApplicationSendsItsSourcesAndRevisions() {
        try (TestApplications apps = new TestApplications(central())) {
            String app = "conformance-multi";
            List<Map<String, Object>> sources = List.of(
                    Map.of("repoURL", DemoFleetSeed.REPO_URL, "path", "charts/thanos", "targetRevision", "main"),
                    Map.of("repoURL", DemoFleetSeed.REPO_URL, "targetRevision", "main", "ref", "values"));
            List<String> old = List.of(DemoFleetSeed.revision("multi-old-0"), DemoFleetSeed.revision("multi-old-1"));
            apps.create(app(app).with(spec -> {
                spec.remove("source");
                spec.put("sources", sources);
            }).deployedAt("", List.of(deployment("monitoring", app))).status(status -> {
                status.put("sync", Map.of("status", "Synced", "revisions", List.of(DemoFleetSeed.revision("main@" + app),
                        DemoFleetSeed.revision("main@" + app + "/1")), "comparedTo", Map.of("sources", sources,
                                "destination", Map.of("name", "cluster-02", "namespace", "monitoring"))));
                status.put("history", List.of(Map.of("id", 0, "revisions", old, "sources", sources, "deployedAt", "2026-11-01T10:00:00Z"),
                        Map.of("id", 1, "revisions", List.of("a".repeat(40), "b".repeat(40)), "sources", sources,
                                "deployedAt", "2026-11-02T10:00:00Z")));
            }));
            JsonPath done = rollback(app, "{}");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            Map<String, Object> sync = map(map(operationState(app).get("operation")).get("sync"));
            assertThat(sync.get("revisions")).isEqualTo(old);
            assertThat(sync.get("sources")).isEqualTo(sources);
            assertThat(sync).doesNotContainKey("revision");
        }
    }

    // server/application/application.go:2179-2184: an entry with neither source nor sources cannot be rolled back to.
    @Test
    void aRollbackToAnEntryWithoutASourceIsRefusedAsArgoCdRefusesIt() {
        try (TestApplications apps = new TestApplications(central())) {
            String app = "conformance-no-source";
            apps.create(app(app).deployedAt(DemoFleetSeed.revision("main@" + app), List.of(deployment("monitoring", app)))
                    .status(status -> status.put("history", List.of(Map.of("id", 0, "revision", "c".repeat(40),
                            "deployedAt", "2026-11-01T10:00:00Z"), historyEntry(1, DemoFleetSeed.revision("main@" + app), "main")))));
            awaitKnown(app);
            json(Tokens.admin(), "{\"id\":0}").post("/api/v1/apps/" + app + "/rollback").then().statusCode(409)
                    .body("detail", equalTo("cannot rollback to revision deployed with Argo CD v0.11 or lower. sync to revision instead."));
            assertThat(application(app).getAdditionalProperties()).doesNotContainKey("operation");
        }
    }

    // types.go v3.1.8 SyncPolicyAutomated.Enabled (absent from v3.0.x, whose CRD prunes it): on 3.0 automated sync is
    // switched off by removing the block, which is kept and restored later; the rollback is not synced away.
    @Test
    void onArgoCd30AutomatedSyncIsSwitchedOffByRemovingTheBlockAndRestoredLater() {
        String app = "thanos-query-cluster-01";
        KubernetesClient central = central();
        central.apiextensions().v1().customResourceDefinitions()
                .resource(DemoFleetSeed.applicationCrd(DemoFleetSeed.ArgoCdVersion.V3_0)).update();
        try {
            List<Map<String, Object>> history = list(status(app).get("history"));
            Map<String, Object> previous = history.get(history.size() - 2);
            JsonPath done = rollback(app, "{\"disableAutoSync\":true}");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            GenericKubernetesResource after = application(app);
            assertThat(map(map(after.getAdditionalProperties().get("spec")).get("syncPolicy"))).doesNotContainKey("automated");
            assertThat(after.getMetadata().getAnnotations()).containsEntry(AutomatedSync.KEPT_ANNOTATION,
                    "{\"prune\":true,\"selfHeal\":true}");
            // The controller does not sync the rollback away: the last operation stays the rollback.
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                    map(map(map(operationState(app).get("operation")).get("sync"))).get("revision")).isEqualTo(previous.get("revision")));

            JsonPath on = awaitFinished(Tokens.viewer(), json(Tokens.admin(), "{\"enabled\":true}")
                    .put("/api/v1/apps/" + app + "/auto-sync").then().statusCode(202).extract().path("id"));
            assertThat(on.getString("state")).as(on.prettify()).isEqualTo("succeeded");
            GenericKubernetesResource restored = application(app);
            assertThat(map(map(restored.getAdditionalProperties().get("spec")).get("syncPolicy")).get("automated"))
                    .isEqualTo(Map.of("prune", true, "selfHeal", true));
            assertThat(restored.getMetadata().getAnnotations()).doesNotContainKey(AutomatedSync.KEPT_ANNOTATION);
        } finally {
            central.apiextensions().v1().customResourceDefinitions()
                    .resource(DemoFleetSeed.applicationCrd(DemoFleetSeed.ArgoCdVersion.V3_1)).update();
            awaitSettled(app);
        }
    }

    // controller/health.go setApplicationHealth with the argocd-cm Application health Lua: a parent's health is its
    // children's worst; cluster-01-apps is Progressing because opensearch-cluster-01 is. Its sync is done when its own
    // operation is, and the children's health is theirs to report.
    @Test
    void aParentAppOfAppsIsDoneWithItsOwnSyncNotItsChildrensHealth() {
        assertThat(map(status("cluster-01-apps").get("health")).get("status")).isEqualTo("Progressing");
        JsonPath done = sync("cluster-01-apps", "{}");
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getString("message")).contains("Progressing");
    }

    // controller/appcontroller.go autoSync: a refresh that finds an automated app OutOfSync makes the controller write
    // its own operation (initiatedBy.automated); a second writer gets "another operation is already in progress".
    // fleet-ops follows Argo CD's operation to its end instead.
    @Test
    void aSyncOfAChangeFollowsArgoCdsOwnAutomatedSync() {
        String app = "prometheus-agent-cluster-02";
        fleet.simulator().hold(app);
        String revision = fleet.simulator().push(app);
        try {
            applications().withName(app).edit(current -> {
                current.setAdditionalProperty("operation", Map.of("sync", Map.of("revision", revision, "prune", true),
                        "initiatedBy", Map.of("automated", true), "retry", Map.of("limit", 5)));
                return current;
            });
            String id = json(Tokens.operator(), "{\"repoURL\":\"" + DemoFleetSeed.REPO_URL + "\",\"revision\":\"" + revision
                    + "\",\"changedPaths\":[\"deploy/overlays/cluster-02-edge/prometheus-agent/values.yaml\"]}")
                    .post("/api/v1/sync").then().statusCode(202).extract().path("id");
            fleet.simulator().release(app);
            JsonPath done = awaitFinished(Tokens.viewer(), id);
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            assertThat(done.getString("message")).contains("Argo CD's automated sync");
            Map<String, Object> state = operationState(app);
            assertThat(map(map(state.get("operation")).get("initiatedBy")).get("automated")).isEqualTo(true);
        } finally {
            fleet.simulator().release(app);
            awaitSettled(app);
        }
    }

    // util/argo/argo.go:876-900 SetAppOperation clears status.operationState with the operation it sets; otherwise
    // the controller resumes the stale Running state (controller/appcontroller.go:1395-1427).
    @Test
    void startingASyncClearsAStaleRunningOperationState() {
        try (TestApplications apps = new TestApplications(central())) {
            String app = "conformance-stale";
            apps.create(app(app).deployedAt(DemoFleetSeed.revision("main@" + app), List.of(deployment("monitoring", app)))
                    .status(status -> status.put("operationState", Map.of("phase", "Running", "startedAt", "2026-11-30T10:00:00Z",
                            "message", "one or more tasks are running", "operation", Map.of("sync", Map.of("revision",
                                    DemoFleetSeed.revision("stale")), "initiatedBy", Map.of("username", "someone"))))));
            JsonPath done = sync(app, "{}");
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            assertThat(map(map(map(operationState(app).get("operation")).get("initiatedBy"))).get("username"))
                    .isEqualTo(Tokens.subjectOf("olivia") + " \"olivia\" via rest (fleet-ops)");
        }
    }

    // server/application/application.go:2011-2017: "cannot sync: blocked by sync window" before anything is written.
    @Test
    void aSyncBlockedByASyncWindowIsRefusedWithArgoCdsWords() {
        String app = "thanos-store-cluster-01";
        withSyncWindow(app, Map.of("kind", "deny", "schedule", "* * * * *", "duration", "1h", "applications", List.of("thanos-store-*")),
                true, () -> {
                    json(Tokens.operator(), "{}").post("/api/v1/apps/" + app + "/sync").then().statusCode(409)
                            .body("detail", equalTo(app + ": cannot sync: blocked by sync window"));
                    assertThat(application(app).getAdditionalProperties()).doesNotContainKey("operation");
                });
        // A window that allows manual syncs lets fleet-ops' (manual) sync through.
        withSyncWindow(app, Map.of("kind", "deny", "schedule", "* * * * *", "duration", "1h", "applications", List.of(app),
                "manualSync", true), false, () -> assertThat(sync(app, "{}").getString("state")).isEqualTo("succeeded"));
    }

    // controller/sync.go:164-181: an operation the controller cannot run stays Running until it can. A wave that
    // gives up withdraws the operation fleet-ops wrote, so it does not deploy hours later.
    @Test
    void aWaveThatGivesUpWithdrawsTheOperationItWrote() {
        String app = "longhorn-cluster-02";
        fleet.simulator().hold(app);
        try {
            JsonPath done = sync(app, "{}");
            assertThat(done.getString("state")).isEqualTo("failed");
            assertThat(done.getString("message")).contains("withdrawn");
            assertThat(application(app).getAdditionalProperties()).doesNotContainKey("operation");
        } finally {
            fleet.simulator().release(app);
        }
    }

    // docs/operator-manual/upgrading/2.14-3.0.md:335-409: per-resource health is not in status.resources by default
    // (resourceHealthSource: appTree). App detail and diagnoses work without it, reading the destination cluster.
    @Test
    void appDetailAndDiagnosesDoNotNeedPerResourceHealth() {
        String app = DemoFleetSeed.DEGRADED_APP;
        assertThat(status(app).get("resourceHealthSource")).isEqualTo("appTree");
        as(Tokens.viewer()).get("/api/v1/apps/" + app).then().statusCode(200)
                .body("health.status", equalTo("Degraded")).body("resources[0].kind", equalTo("DaemonSet"))
                .body("resourceHealth", equalTo("not kept in the Application (Argo CD 3.x default); set"
                        + " controller.resource.health.persist=true in argocd-cmd-params-cm to see it here"));
        JsonPath report = as(Tokens.viewer()).get("/api/v1/diagnostics?app=" + app).then().statusCode(200).extract().jsonPath();
        List<String> evidence = report.getList("findings.find { it.rule == 'application-unhealthy' }.evidence", String.class);
        assertThat(evidence).anyMatch(line -> line.contains("CrashLoopBackOff"));
    }

    // util/webhook/webhook.go:309-402, 498-511: a push refreshes the apps whose source tracks the pushed branch, with a
    // normal refresh; other branches' apps are left alone.
    @Test
    void aPushRefreshesTheApplicationsTrackingThePushedBranchWithANormalRefresh() {
        try (TestApplications apps = new TestApplications(central())) {
            apps.create(app("conformance-release").with(spec -> spec.put("source", Map.of("repoURL", DemoFleetSeed.REPO_URL,
                    "path", "deploy/overlays/cluster-02-edge/release", "targetRevision", "release-2026.12"))));
            awaitKnown("conformance-release");
            JsonPath done = awaitFinished(Tokens.viewer(), webhookPush("refs/heads/release-2026.12",
                    "deploy/overlays/cluster-02-edge/release/values.yaml"));
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            assertThat(done.getString("message")).isEqualTo("refreshed conformance-release");
            assertThat(events("conformance-release", "RefreshRequested")).anyMatch(m -> m.contains("requested a refresh"));
        }
    }

    // util/app/path/path.go:101-151: argocd.argoproj.io/manifest-generate-paths (';'-separated, relative to the
    // source path, '/' for the repository root) decides which changed files concern an app.
    @Test
    void manifestGeneratePathsFindAnApplicationWhoseBaseLiesOutsideItsPath() {
        try (TestApplications apps = new TestApplications(central())) {
            apps.create(app("conformance-paths").annotation(Application.MANIFEST_GENERATE_PATHS_ANNOTATION, ".;/deploy/base/conformance")
                    .with(spec -> spec.put("source", Map.of("repoURL", DemoFleetSeed.REPO_URL,
                            "path", "deploy/overlays/cluster-02-edge/conformance-paths", "targetRevision", "release-paths"))));
            awaitKnown("conformance-paths");
            JsonPath done = awaitFinished(Tokens.viewer(), webhookPush("refs/heads/release-paths",
                    "deploy/base/conformance/deployment.yaml"));
            assertThat(done.getString("message")).isEqualTo("refreshed conformance-paths");
            JsonPath unrelated = awaitFinished(Tokens.viewer(), webhookPush("refs/heads/release-paths", "docs/README.md"));
            assertThat(unrelated.getString("message")).contains("nothing to do");
        }
    }

    // server/application/application.go:2176-2178: an unknown history id is codes.InvalidArgument.
    @Test
    void anUnknownHistoryIdIsInvalidArgument() {
        json(Tokens.admin(), "{\"id\":99,\"disableAutoSync\":true}").post("/api/v1/apps/thanos-store-cluster-01/rollback")
                .then().statusCode(400)
                .body("detail", equalTo("application thanos-store-cluster-01 does not have deployment with id 99"));
    }

    // controller/state.go:1093-1096 and controller/sync.go:460: history ids start at 0 and grow by one; only a
    // successful, real sync of all resources adds an entry.
    @Test
    void historyIdsStartAtZeroAndOnlyAFullRealSyncAddsOne() {
        try (TestApplications apps = new TestApplications(central())) {
            String app = "conformance-history";
            apps.create(app(app).deployedAt(DemoFleetSeed.revision("main@" + app), List.of(deployment("monitoring", app))));
            assertThat(sync(app, "{\"dryRun\":true}").getString("state")).isEqualTo("succeeded");
            assertThat(sync(app, "{\"resources\":[\"apps/Deployment/monitoring/" + app + "\"]}").getString("state"))
                    .isEqualTo("succeeded");
            assertThat(status(app).get("history")).isNull();
            assertThat(sync(app, "{}").getString("state")).isEqualTo("succeeded");
            assertThat(sync(app, "{}").getString("state")).isEqualTo("succeeded");
            assertThat(list(status(app).get("history"))).extracting(h -> ((Number) h.get("id")).intValue()).containsExactly(0, 1);
        }
    }

    // gitops-engine pkg/sync/syncwaves/waves.go:12-21: strconv.Atoi on the annotation (a sign, no spaces), else
    // helm.sh/hook-weight, else 0.
    @Test
    void syncWavesAreReadAsGitopsEngineReadsThem() {
        try (TestApplications apps = new TestApplications(central())) {
            apps.create(app("conformance-wave-spaced").annotation(Application.SYNC_WAVE_ANNOTATION, " 3"));
            apps.create(app("conformance-wave-signed").annotation(Application.SYNC_WAVE_ANNOTATION, "+2"));
            apps.create(app("conformance-wave-helm").annotation(Application.HOOK_WEIGHT_ANNOTATION, "-1"));
            awaitKnown("conformance-wave-helm");
            JsonPath done = awaitFinished(Tokens.viewer(), json(Tokens.operator(),
                    "{\"apps\":[\"conformance-wave-spaced\",\"conformance-wave-signed\",\"conformance-wave-helm\"]}")
                    .post("/api/v1/sync").then().statusCode(202).extract().path("id"));
            assertThat(done.getList("steps.name", String.class)).containsExactly("wave -1: conformance-wave-helm",
                    "wave 0: conformance-wave-spaced", "wave 2: conformance-wave-signed");
        }
    }

    // pkg/apis/application/v1alpha1/types.go RawRestConfig: tlsClientConfig.serverName is the name the API server's
    // certificate is checked against, not the host of the server URL (Go's VerifyHostname: subject alternative names).
    @Test
    void aClusterSecretsServerNameIsTheNameTheCertificateIsCheckedAgainst() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("conformance-ca");
        java.time.Instant now = java.time.Instant.now();
        try (TlsServer server = new TlsServer(ca.issue("CN=kube-apiserver", now.minusSeconds(60), now.plusSeconds(3600),
                List.of("api.conformance.internal")), ca, "{\"major\":\"1\",\"minor\":\"34\",\"gitVersion\":\"v1.34.2\"}")) {
            String byAddress = "https://127.0.0.1:" + server.port();
            String tls = "\"caData\":\"" + ca.root().certificateData() + "\"";
            createClusterSecret("conformance-sni", byAddress, "{\"bearerToken\":\"t\",\"tlsClientConfig\":{" + tls
                    + ",\"serverName\":\"api.conformance.internal\"}}");
            createClusterSecret("conformance-no-sni", byAddress, "{\"bearerToken\":\"t\",\"tlsClientConfig\":{" + tls + "}}");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                as(Tokens.viewer()).get("/api/v1/clusters/conformance-sni").then().statusCode(200)
                        .body("connection.state", equalTo("Successful"));
                as(Tokens.viewer()).get("/api/v1/clusters/conformance-no-sni").then().statusCode(200)
                        .body("connection.message", org.hamcrest.Matchers.startsWith("TLS handshake failed"));
            });
        } finally {
            central().secrets().inNamespace("argocd").withName("cluster-conformance-sni").delete();
            central().secrets().inNamespace("argocd").withName("cluster-conformance-no-sni").delete();
        }
    }

    // types.go ClusterConfig.ExecProviderConfig / AWSAuthConfig: credentials obtained by running a program, which
    // fleet-ops does not do; said as such instead of failing obscurely.
    @Test
    void aClusterSecretUsingAnExecProviderIsNamedAsSuch() {
        try {
            createClusterSecret("conformance-exec", "https://127.0.0.1:1", "{\"execProviderConfig\":{\"command\":"
                    + "\"argocd-k8s-auth\",\"args\":[\"gcp\"],\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"},"
                    + "\"tlsClientConfig\":{\"caData\":\"\"}}");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as(Tokens.viewer()).get("/api/v1/clusters/conformance-exec")
                    .then().statusCode(200).body("connection.state", equalTo("Failed"))
                    .body("connection.message", equalTo("credentials fleet-ops cannot use (exec provider): cluster Secret"
                            + " cluster-conformance-exec runs a program for its credentials")));
        } finally {
            central().secrets().inNamespace("argocd").withName("cluster-conformance-exec").delete();
        }
    }

    // ---- helpers ----

    /** Runs {@code test} while the demo apps' AppProject has {@code window}, once fleet-ops sees it (app detail). */
    private void withSyncWindow(String app, Map<String, Object> window, boolean blocks, Runnable test) {
        var projects = central().genericKubernetesResources("argoproj.io/v1alpha1", "AppProject").inNamespace("argocd");
        projects.withName(DemoFleetSeed.PROJECT).edit(project -> {
            map(project.getAdditionalProperties().get("spec")).put("syncWindows", List.of(window));
            return project;
        });
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(Tokens.viewer()).get("/api/v1/apps/" + app).then()
                    .body("syncWindow", blocks ? equalTo("cannot sync: blocked by sync window") : org.hamcrest.Matchers.nullValue()));
            test.run();
        } finally {
            projects.withName(DemoFleetSeed.PROJECT).edit(project -> {
                map(project.getAdditionalProperties().get("spec")).remove("syncWindows");
                return project;
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(Tokens.viewer()).get("/api/v1/apps/" + app).then()
                    .body("syncWindow", org.hamcrest.Matchers.nullValue()));
        }
    }

    private void createClusterSecret(String name, String server, String config) {
        central().secrets().inNamespace("argocd").resource(new SecretBuilder().withNewMetadata().withName("cluster-" + name)
                .withNamespace("argocd").addToLabels("argocd.argoproj.io/secret-type", "cluster")
                .addToLabels(DemoFleetSeed.ROLE_LABEL, "edge").endMetadata()
                .withStringData(Map.of("name", name, "server", server, "config", config)).build()).create();
    }

    private String webhookPush(String ref, String path) {
        String after = java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20).putLong(System.nanoTime()).array());
        String body = "{\"object_kind\":\"push\",\"before\":\"" + "0".repeat(39) + "1\",\"after\":\"" + after + "\",\"ref\":\"" + ref
                + "\",\"user_username\":\"alice\",\"project\":{\"path_with_namespace\":\"observability/thanos-multi-cluster\","
                + "\"default_branch\":\"main\",\"git_http_url\":\"" + DemoFleetSeed.REPO_URL + "\"},\"commits\":[{\"id\":\"" + after
                + "\",\"added\":[],\"modified\":[\"" + path + "\"],\"removed\":[]}],\"total_commits_count\":1}";
        return given().header("X-Gitlab-Token", GitLabStandInResource.WEBHOOK_SECRET).header("X-Gitlab-Event", "Push Hook")
                .contentType(ContentType.JSON).body(body).post("/hooks/gitlab").then().statusCode(202).extract().path("id");
    }

    private List<String> events(String app, String reason) {
        return central().v1().events().inNamespace("argocd").list().getItems().stream()
                .filter(e -> app.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .map(io.fabric8.kubernetes.api.model.Event::getMessage).toList();
    }

    private JsonPath sync(String app, String body) {
        awaitKnown(app);
        return awaitFinished(Tokens.viewer(), json(Tokens.operator(), body).post("/api/v1/apps/" + app + "/sync").then()
                .statusCode(202).extract().path("id"));
    }

    private JsonPath rollback(String app, String body) {
        awaitKnown(app);
        return awaitFinished(Tokens.viewer(), json(Tokens.admin(), body).post("/api/v1/apps/" + app + "/rollback").then()
                .statusCode(202).extract().path("id"));
    }

    private static void awaitKnown(String app) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(Tokens.viewer()).get("/api/v1/apps/" + app).then()
                .statusCode(200));
    }

    /** Waits until the simulated controller has nothing running on {@code app}, so later tests find it at rest. */
    private void awaitSettled(String app) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !application(app).getAdditionalProperties().containsKey("operation"));
    }

    private static Map<String, Object> historyEntry(long id, String revision, String targetRevision) {
        return Map.of("id", id, "revision", revision, "deployedAt", "2026-11-0" + (id + 1) + "T10:00:00Z",
                "source", Map.of("repoURL", DemoFleetSeed.REPO_URL, "path", "deploy/overlays/cluster-02-edge/x",
                        "targetRevision", targetRevision));
    }

    private KubernetesClient central() {
        return fleet.central().client();
    }

    private KubernetesClient edge(String name) {
        return fleet.edges().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().client();
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> applications() {
        return central().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd");
    }

    private GenericKubernetesResource application(String app) {
        return applications().withName(app).get();
    }

    private Map<String, Object> status(String app) {
        return map(application(app).getAdditionalProperties().get("status"));
    }

    private Map<String, Object> operationState(String app) {
        return map(status(app).get("operationState"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? new ArrayList<>() : (List<Map<String, Object>>) value;
    }
}
