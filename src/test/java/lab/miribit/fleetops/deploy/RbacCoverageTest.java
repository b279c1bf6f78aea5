package lab.miribit.fleetops.deploy;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.quarkus.test.junit.QuarkusTest;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/**
 * fleet-ops' RBAC against what it does. Both sides are listed: {@link #CALLS}, the Kubernetes calls the code
 * makes, equals what the Roles and ClusterRole of {@code deploy/fleet-ops} grant as Kustomize renders the overlay; and every call
 * the running service has made to the central API server since it started (informers, the schedule's Lease,
 * and whatever the tests before and this one asked for: reads, syncs, refreshes, diagnostics, checks) is one of
 * them, and each of them was made. Bootstrap's calls are not: it runs with
 * {@code deploy/fleet-ops/bootstrap-access} bound.
 */
@QuarkusTest
class RbacCoverageTest {

    /** The calls the code makes with the service account: package, and why. */
    static final Set<KubernetesCall> CALLS = Set.of(
            // argocd: the Application informer and ArgoCd gateway
            call("argocd", "argoproj.io", "applications", "list"),
            call("argocd", "argoproj.io", "applications", "watch"),
            call("argocd", "argoproj.io", "applications", "get"),
            call("argocd", "argoproj.io", "applications", "update"),
            call("argocd", "argoproj.io", "applications", "patch"),
            // argocd: the AppProject informer (sync windows, checked before a sync is written)
            call("argocd", "argoproj.io", "appprojects", "list"),
            call("argocd", "argoproj.io", "appprojects", "watch"),
            call("argocd", "", "events", "create"),
            // fleet: the cluster Secret informer
            call("argocd", "", "secrets", "list"),
            call("argocd", "", "secrets", "watch"),
            // checks: the schedule's Lease
            call("fleet-ops", "coordination.k8s.io", "leases", "get"),
            call("fleet-ops", "coordination.k8s.io", "leases", "create"),
            call("fleet-ops", "coordination.k8s.io", "leases", "patch"),
            // journal: running operations and replica heartbeats, deliveries taken (one ConfigMap each, deleted when
            // refused or expired); bootstrap: its state ConfigMap (also read by GET /bootstrap), credentials and
            // kubeconfig Secrets
            call("fleet-ops", "", "configmaps", "get"),
            call("fleet-ops", "", "configmaps", "list"),
            call("fleet-ops", "", "configmaps", "create"),
            call("fleet-ops", "", "configmaps", "patch"),
            call("fleet-ops", "", "configmaps", "delete"),
            call("fleet-ops", "", "secrets", "get"),
            call("fleet-ops", "", "secrets", "create"),
            call("fleet-ops", "", "secrets", "patch"),
            // diagnostics
            call("gitlab", "", "pods", "list"),
            new KubernetesCall("gitlab", "", "secrets", "gitlab-object-storage", "get"),
            call("*", "", "pods", "list"),
            call("*", "", "persistentvolumeclaims", "list"));

    /**
     * Calls this test cannot see: those only a bootstrap makes (BootstrapTest runs it against its own cluster), the
     * delivery ledger's sweep of expired entries and forgetting of refused ones (SharedDeliveriesTest makes them), and an
     * Application updated whole, which a sync does only when the version it judged changed before its write
     * (SyncFlowTest.aWriteOverAVersionThatChangedIsReadAgainBeforeItIsDecided makes it).
     */
    private static final Set<KubernetesCall> NOT_SEEN_HERE = Set.of(call("argocd", "argoproj.io", "applications", "update"),
            call("fleet-ops", "", "secrets", "get"), call("fleet-ops", "", "secrets", "create"),
            call("fleet-ops", "", "secrets", "patch"), call("fleet-ops", "", "configmaps", "list"),
            call("fleet-ops", "", "configmaps", "delete"));

    @InjectFleet
    EmbeddedFleet fleet;

    @Test
    void theRolesGrantExactlyTheCallsTheCodeMakes() throws Exception {
        Set<KubernetesCall> granted = new LinkedHashSet<>();
        // As Kustomize renders what Argo CD deploys, so each Role is read in the namespace it really lands in.
        for (com.fasterxml.jackson.databind.JsonNode rendered : RenderedManifestsTest.render(
                Path.of("deploy/fleet-ops/overlays/cluster-01-central"))) {
            HasMetadata object = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(rendered.toString(), HasMetadata.class);
            if (object instanceof Role role) {
                role.getRules().forEach(rule -> granted.addAll(expand(role.getMetadata().getNamespace(), rule)));
            } else if (object instanceof ClusterRole clusterRole) {
                clusterRole.getRules().forEach(rule -> granted.addAll(expand("*", rule)));
            }
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(CALLS);
    }

    @Test
    void everyCallTheRunningServiceMakesIsGranted() {
        String sync = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/longhorn-cluster-02/sync").then()
                .statusCode(202).extract().path("id");
        awaitFinished(Tokens.viewer(), sync);
        String refresh = as(Tokens.operator()).post("/api/v1/apps/longhorn-cluster-03/refresh?hard=true").then().statusCode(202)
                .extract().path("id");
        awaitFinished(Tokens.viewer(), refresh);
        as(Tokens.viewer()).get("/api/v1/apps/longhorn-cluster-03/history").then().statusCode(200);
        as(Tokens.viewer()).get("/api/v1/diagnostics").then().statusCode(200);
        as(Tokens.viewer()).get("/api/v1/clusters").then().statusCode(200);
        as(Tokens.viewer()).get("/api/v1/apps").then().statusCode(200);
        for (String check : List.of("certificates", "drift", "s3")) {
            as(Tokens.operator()).post("/api/v1/checks/" + check + "/run").then().statusCode(200);
        }
        as(Tokens.admin()).get("/api/v1/bootstrap").then().statusCode(200);

        // Everything the service asked of the central API server since it started (this test's actions among them).
        List<String> requests = fleet.central().recordedRequests();
        Set<KubernetesCall> observed = new LinkedHashSet<>();
        Pattern discovery = Pattern.compile("/(version|api|apis)(/[^/]+(/[^/]+)?)?(\\?.*)?");
        for (String request : requests) {
            String method = request.substring(0, request.indexOf(' '));
            String path = request.substring(request.indexOf(' ') + 1);
            KubernetesCall call = KubernetesCall.of(method, path);
            if (call == null) {
                Matcher m = discovery.matcher(path);
                assertThat(m.matches()).as("not a namespaced call, and not discovery: " + request).isTrue();
                continue;
            }
            assertThat(CALLS.stream().anyMatch(call::allowedBy)).as("granted: " + request).isTrue();
            observed.add(call.anyName());
        }
        assertThat(requests).as("the service's own requests were seen").isNotEmpty();
        // Everything listed is really used: seen here, or made only by a bootstrap.
        for (KubernetesCall listed : CALLS) {
            boolean seen = observed.stream().anyMatch(o -> o.allowedBy(listed.anyName()) || listed.namespace().equals("*")
                    && o.group().equals(listed.group()) && o.resource().equals(listed.resource()) && o.verb().equals(listed.verb()));
            assertThat(seen || NOT_SEEN_HERE.contains(listed)).as("used: " + listed).isTrue();
        }
    }

    private static KubernetesCall call(String namespace, String group, String resource, String verb) {
        return new KubernetesCall(namespace, group, resource, null, verb);
    }

    private static List<KubernetesCall> expand(String namespace, PolicyRule rule) {
        List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? java.util.Collections.singletonList(null)
                : rule.getResourceNames();
        return rule.getApiGroups().stream().flatMap(group -> rule.getResources().stream().flatMap(resource -> rule.getVerbs().stream()
                .flatMap(verb -> names.stream().map(name -> new KubernetesCall(namespace, group, resource, name, verb))))).toList();
    }
}
