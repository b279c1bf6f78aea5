package lab.miribit.fleetops.bootstrap;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.storage.ObjectStore;
import lab.miribit.fleetops.testing.BootstrapFleetResource;
import lab.miribit.fleetops.testing.BootstrapProfile;
import lab.miribit.fleetops.testing.GitLabStandIn;
import lab.miribit.fleetops.testing.InjectBootstrapFleet;
import lab.miribit.fleetops.testing.InjectGitLab;
import lab.miribit.fleetops.testing.InjectS3;
import lab.miribit.fleetops.testing.S3Server;
import lab.miribit.fleetops.testing.Tokens;

/**
 * The whole plan against a fresh central cluster and an empty edge (embedded API servers), a real S3 server,
 * the GitLab stand-in and a loopback manifest source: a dry run writes nothing; a real fault at one step after
 * another stops the run there, and each next run goes on from it; the last run finds everything already so.
 */
@QuarkusTest
@TestProfile(BootstrapProfile.class)
class BootstrapTest {

    private static final List<String> PLAN = List.of("argocd-namespace", "argocd-install", "argocd-ready", "argocd-admin-password",
            "argocd-application-health", "argocd-resource-health", "s3-credentials", "s3-buckets", "gitlab-namespace", "gitlab-object-storage",
            "gitlab-database", "gitlab-database-ready", "gitlab-application", "gitlab-ready", "gitlab-root-password",
            "gitlab-project", "argocd-repository", "register-clusters", "argocd-project", "root-application");

    @InjectBootstrapFleet
    BootstrapFleetResource.Fleet fleet;

    @InjectGitLab
    GitLabStandIn gitlab;

    @InjectS3
    S3Server s3;

    @Inject
    ObjectStore store;

    @Test
    void theWholePlanResumesAfterEveryFaultAndNeverDoesAnythingTwice() throws Exception {
        gitlab.reset();
        gitlab.withoutProject();
        as(Tokens.admin()).get("/api/v1/bootstrap").then().statusCode(200).extract().jsonPath();
        JsonPath plan = as(Tokens.admin()).get("/api/v1/bootstrap").then().statusCode(200).extract().jsonPath();
        assertThat(plan.getList("steps.name", String.class)).containsExactlyElementsOf(PLAN);
        assertThat(plan.getList("steps.state", String.class)).containsOnly("not run");

        // A dry run looks everywhere and writes nowhere.
        fleet.central().takeRequests();
        fleet.edge().takeRequests();
        int gitlabRequests = gitlab.requests().size();
        JsonPath dry = run(true);
        assertThat(dry.getString("state")).as(dry.prettify()).isEqualTo("succeeded");
        assertThat(dry.getString("message")).startsWith("dry run: ").endsWith("nothing was written");
        assertThat(dry.getString("steps[0].message")).isEqualTo("dry run, would create namespace argocd");
        assertThat(dry.getString("steps[1].message")).startsWith("dry run, would apply 10 objects, 10 of them new (1 ClusterRole, 2 ConfigMap, 2 CustomResourceDefinition");
        // (the operation journal notes the dry run's operation, as it does every operation's: that is not the bootstrap)
        assertThat(writes(fleet.central().takeRequests())).allMatch(r -> r.contains("/configmaps/fleet-ops-operations")
                || r.endsWith("/namespaces/fleet-ops/configmaps"));
        assertThat(fleet.central().client().configMaps().inNamespace("fleet-ops").withName("fleet-ops-bootstrap").get()).isNull();
        assertThat(writes(fleet.edge().takeRequests())).isEmpty();
        assertThat(gitlab.requests().subList(gitlabRequests, gitlab.requests().size())).allMatch(r -> r.method().equals("GET"));
        assertThat(store.bucketExists("opensearch-snapshots")).isFalse();
        assertThat(as(Tokens.admin()).get("/api/v1/bootstrap").then().extract().jsonPath().getList("steps.state", String.class))
                .containsOnly("not run");

        // A real fault at every step in turn: the run stops exactly there, and the next one goes on from it.
        for (Fault fault : faults()) {
            fault.inject().run();
            JsonPath failed;
            try {
                failed = fault.only() ? run(false, fault.step()) : run(false);
            } finally {
                fault.clear().run();
            }
            if (fault.only()) {
                assertThat(failed.getString("state")).isEqualTo("failed");
                assertThat(failed.getString("steps[0].message")).as(failed.prettify()).contains(fault.why());
            } else {
                assertFailedAt(failed, fault.step(), fault.why());
                JsonPath state = as(Tokens.admin()).get("/api/v1/bootstrap").then().extract().jsonPath();
                assertThat(state.getString("steps[" + PLAN.indexOf(fault.step()) + "].state")).isEqualTo("failed");
                assertThat(state.getString("steps[" + PLAN.indexOf(fault.step()) + "].operationId")).isEqualTo(failed.getString("id"));
            }
        }
        assertThat(gitlab.groups()).containsKey("observability");

        JsonPath last = run(false);
        assertThat(last.getString("state")).as(last.prettify()).isEqualTo("succeeded");
        assertThat(last.getList("steps.state", String.class)).doesNotContain("failed", "pending");
        assertThat(last.getList("steps.message", String.class)).doesNotContainNull();

        // What the plan built, each once.
        String adminPassword = decoded(secret("argocd", "argocd-initial-admin-secret"), "password");
        assertThat(decoded(secret("fleet-ops", "fleet-ops-credentials"), "argocd-admin-password")).isEqualTo(adminPassword);
        assertThat(decoded(secret("fleet-ops", "fleet-ops-credentials"), "gitlab-root-password-secret"))
                .isEqualTo("gitlab/gitlab-gitlab-initial-root-password");
        assertThat(fleet.central().client().configMaps().inNamespace("argocd").withName("argocd-cm").get().getData())
                .containsKey("resource.customizations.health.argoproj.io_Application");
        assertThat(store.bucketExists("opensearch-snapshots")).isTrue();
        assertThat(decoded(secret("gitlab", "gitlab-object-storage"), "connection")).contains("endpoint: " + s3.endpoint())
                .contains("aws_access_key_id: " + S3Server.ACCESS_KEY).contains("path_style: true");
        String postgresPassword = decoded(secret("gitlab", "gitlab-postgresql-password"), "postgresql-password");
        assertThat(postgresPassword).hasSizeGreaterThan(20);
        GenericKubernetesResource gitlabApp = application("gitlab");
        assertThat(map(map(gitlabApp.getAdditionalProperties().get("spec")).get("source")).get("chart")).isEqualTo("gitlab");
        assertThat(gitlab.projectExists()).isTrue();
        assertThat(gitlab.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/api/v4/groups"))).hasSize(1);
        assertThat(gitlab.deployTokens()).hasSize(1);
        Secret repository = secret("argocd", "repo-observability-thanos-multi-cluster");
        assertThat(repository.getMetadata().getLabels()).containsEntry("argocd.argoproj.io/secret-type", "repository");
        assertThat(decoded(repository, "url")).isEqualTo(gitlab.url() + "/observability/thanos-multi-cluster.git");
        assertThat(decoded(repository, "password")).isEqualTo(gitlab.deployTokens().get(0).get("token"));
        assertRegistered("cluster-02");
        GenericKubernetesResource project = fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
                .inNamespace("argocd").withName("observability").get();
        assertThat(map(project.getAdditionalProperties().get("spec")).get("destinations").toString()).contains(fleet.edge().url());
        assertThat(map(map(application("root-application").getAdditionalProperties().get("spec")).get("source")).get("path"))
                .isEqualTo("argocd/applications");

        // Nothing secret reached the operation, the plan or the audit trail.
        String shown = last.prettify() + as(Tokens.admin()).get("/api/v1/bootstrap").asString()
                + as(Tokens.admin()).get("/api/v1/audit?limit=5000").asString();
        assertThat(shown).doesNotContain(adminPassword, postgresPassword, (String) gitlab.deployTokens().get(0).get("token"),
                "edge-admin-token");

        // Run again: every step is already so; only the state ConfigMap is written.
        fleet.central().takeRequests();
        fleet.edge().takeRequests();
        JsonPath again = run(false);
        assertThat(again.getString("state")).isEqualTo("succeeded");
        assertThat(again.getList("steps.state", String.class)).containsOnly("skipped");
        assertThat(again.getString("message")).isEqualTo("0 step(s) done, " + PLAN.size() + " already so");
        assertThat(writes(fleet.central().takeRequests())).allMatch(request -> request.contains("/configmaps/fleet-ops-bootstrap")
                || request.contains("/namespaces/fleet-ops/configmaps"));
        assertThat(writes(fleet.edge().takeRequests())).isEmpty();
        assertThat(gitlab.deployTokens()).hasSize(1);
        assertThat(decoded(secret("gitlab", "gitlab-postgresql-password"), "postgresql-password")).isEqualTo(postgresPassword);
    }

    @Test
    void onlyAdminsBootstrapAndUnknownStepsAreRefused() {
        json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/bootstrap").then().statusCode(403);
        as(Tokens.operator()).get("/api/v1/bootstrap").then().statusCode(403);
        json(Tokens.admin(), "{\"steps\":[\"argocd-install\",\"make-coffee\"]}").post("/api/v1/bootstrap").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("unknown bootstrap step(s) make-coffee"));
    }

    private void assertRegistered(String cluster) {
        Secret token = fleet.edge().client().secrets().inNamespace("kube-system").withName("argocd-manager-long-lived-token").get();
        assertThat(token).isNotNull();
        assertThat(fleet.edge().client().serviceAccounts().inNamespace("kube-system").withName("argocd-manager").get()).isNotNull();
        assertThat(fleet.edge().client().rbac().clusterRoleBindings().withName("argocd-manager-role-binding").get()).isNotNull();
        Secret clusterSecret = secret("argocd", "cluster-" + cluster);
        assertThat(clusterSecret.getMetadata().getLabels()).containsEntry("argocd.argoproj.io/secret-type", "cluster");
        assertThat(decoded(clusterSecret, "server")).isEqualTo(fleet.edge().url());
        String config = decoded(clusterSecret, "config");
        assertThat(config).contains("\"bearerToken\":\"" + decoded(token, "token") + "\"").contains(fleet.edge().caData())
                .doesNotContain("edge-admin-token").doesNotContain("certData");
    }

    private JsonPath run(boolean dryRun, String... steps) {
        String only = steps.length == 0 ? "" : ",\"steps\":[\"" + String.join("\",\"", steps) + "\"]";
        String id = json(Tokens.admin(), "{\"dryRun\":" + dryRun + only + "}").post("/api/v1/bootstrap").then().statusCode(202)
                .extract().path("id");
        return awaitFinished(Tokens.admin(), id);
    }

    /**
     * A fault that hits one step: a refused write of that step's first object, a workload that never becomes
     * ready, S3 or GitLab or the manifest source unavailable.
     *
     * @param only run that step alone (S3 down would stop the plan at the credentials check before the buckets)
     */
    /** A write to the central API is tried four times (quarkus.kubernetes-client.request-retry-backoff-limit=3). */
    private static final int CENTRAL_ATTEMPTS = 4;

    private record Fault(String step, String why, Runnable inject, Runnable clear, boolean only) {
    }

    private List<Fault> faults() {
        Runnable none = () -> { };
        var central = fleet.central();
        return List.of(
                new Fault("argocd-namespace", "500", () -> central.failNext("POST", "/api/v1/namespaces", CENTRAL_ATTEMPTS), none, false),
                new Fault("argocd-install", "answered 503", () -> fleet.manifests().failNext(10), () -> fleet.manifests().failNext(0), false),
                new Fault("argocd-ready", "is not ready after", () -> fleet.simulator().hold("argocd-server"),
                        () -> fleet.simulator().release("argocd-server"), false),
                new Fault("argocd-admin-password", "500",
                        () -> central.failNext("POST", "/api/v1/namespaces/fleet-ops/secrets", CENTRAL_ATTEMPTS), none, false),
                new Fault("argocd-application-health", "500",
                        () -> central.failNext("PATCH", "/api/v1/namespaces/argocd/configmaps/argocd-cm", CENTRAL_ATTEMPTS), none, false),
                new Fault("argocd-resource-health", "500",
                        () -> central.failNext("PATCH", "/api/v1/namespaces/argocd/configmaps/argocd-cmd-params-cm", CENTRAL_ATTEMPTS),
                        none, false),
                new Fault("s3-credentials", "", s3::stop, s3::start, false),
                new Fault("s3-buckets", "", s3::stop, s3::start, true),
                new Fault("gitlab-namespace", "500", () -> central.failNext("POST", "/api/v1/namespaces", CENTRAL_ATTEMPTS), none, false),
                new Fault("gitlab-object-storage", "500", () -> central.failNext("POST", "/api/v1/namespaces/gitlab/secrets", CENTRAL_ATTEMPTS),
                        none, false),
                // (the step before it writes a Secret there too, and is re-run first: this fault hits the database's Service)
                new Fault("gitlab-database", "500", () -> central.failNext("POST", "/api/v1/namespaces/gitlab/services", CENTRAL_ATTEMPTS), none, false),
                new Fault("gitlab-database-ready", "is not ready after", () -> fleet.simulator().hold("gitlab-postgresql"),
                        () -> fleet.simulator().release("gitlab-postgresql"), false),
                new Fault("gitlab-application", "500",
                        () -> central.failNext("POST", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications", CENTRAL_ATTEMPTS), none, false),
                new Fault("gitlab-ready", "is not ready after", () -> fleet.simulator().hold("gitlab-webservice-default"),
                        () -> fleet.simulator().release("gitlab-webservice-default"), false),
                new Fault("gitlab-root-password", "500",
                        () -> central.failNext("PATCH", "/api/v1/namespaces/fleet-ops/secrets/fleet-ops-credentials", CENTRAL_ATTEMPTS), none, false),
                new Fault("gitlab-project", "GitLab answered 502", () -> gitlab.failNext("POST", "^/api/v4/projects$", 502, "", 1),
                        none, false),
                new Fault("argocd-repository", "GitLab answered 502",
                        () -> gitlab.failNext("POST", "/deploy_tokens$", 502, "", 1), none, false),
                new Fault("register-clusters", "500",
                        () -> fleet.edge().failNext("POST", "/api/v1/namespaces/kube-system/serviceaccounts", 1), none, false),
                new Fault("argocd-project", "500",
                        () -> central.failNext("POST", "/apis/argoproj.io/v1alpha1/namespaces/argocd/appprojects", CENTRAL_ATTEMPTS), none, false),
                new Fault("root-application", "500",
                        () -> central.failNext("POST", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications", CENTRAL_ATTEMPTS), none, false));
    }

    private static void assertFailedAt(JsonPath operation, String step, String why) {
        assertThat(operation.getString("state")).as(operation.prettify()).isEqualTo("failed");
        int index = PLAN.indexOf(step);
        assertThat(operation.getString("steps[" + index + "].state")).as(operation.prettify()).isEqualTo("failed");
        assertThat(operation.getString("steps[" + index + "].message")).contains(why);
        for (int i = 0; i < index; i++) {
            assertThat(operation.getString("steps[" + i + "].state")).isIn("succeeded", "skipped");
        }
        // The steps after it never ran (an operation that ends marks them skipped, with no message).
        for (int i = index + 1; i < PLAN.size(); i++) {
            assertThat(operation.getString("steps[" + i + "].state")).as(operation.prettify()).isEqualTo("skipped");
            assertThat(operation.getString("steps[" + i + "].message")).isNull();
        }
    }

    private static List<String> writes(List<String> requests) {
        return requests.stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    private Secret secret(String namespace, String name) {
        return fleet.central().client().secrets().inNamespace(namespace).withName(name).get();
    }

    private GenericKubernetesResource application(String name) {
        return fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .withName(name).get();
    }

    private static String decoded(Secret secret, String key) {
        assertThat(secret).isNotNull();
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        return secret.getStringData() == null ? null : secret.getStringData().get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
