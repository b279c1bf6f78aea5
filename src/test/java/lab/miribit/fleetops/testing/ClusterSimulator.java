package lab.miribit.fleetops.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What a real cluster does by itself after bootstrap writes something, for the API servers of the tests: the
 * kubelet makes Deployments and StatefulSets ready, argocd-server writes its initial admin Secret, Argo CD
 * syncing the gitlab Application brings up GitLab's webservice and root password Secret, and an edge's token
 * controller fills in ServiceAccount token Secrets. Polls every 50 ms; a held workload never becomes ready.
 */
public final class ClusterSimulator implements AutoCloseable {

    private final KubernetesClient central;
    private final List<KubernetesClient> edges;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService loop = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "cluster-simulator");
                thread.setDaemon(true);
                return thread;
            });

    public ClusterSimulator(KubernetesClient central, List<KubernetesClient> edges) {
        this.central = central;
        this.edges = edges;
        loop.scheduleWithFixedDelay(this::round, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** {@code name} (a Deployment or StatefulSet) stays unready until {@link #release}. */
    public void hold(String name) {
        held.add(name);
    }

    public void release(String name) {
        held.remove(name);
    }

    private void round() {
        try {
            kubelet(central);
            argoCdServer();
            gitlabChart();
            edges.forEach(ClusterSimulator::tokenController);
        } catch (RuntimeException racing) {
            // An object changed between read and write, or a kind does not exist yet; the next round sees the new state.
        }
    }

    private void kubelet(KubernetesClient client) {
        client.apps().deployments().inAnyNamespace().list().getItems().stream()
                .filter(d -> !held.contains(d.getMetadata().getName()))
                .filter(d -> d.getStatus() == null || d.getStatus().getReadyReplicas() == null)
                .forEach(d -> {
                    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                    d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                            .withAvailableReplicas(replicas).build());
                    client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
                });
        client.apps().statefulSets().inAnyNamespace().list().getItems().stream()
                .filter(s -> !held.contains(s.getMetadata().getName()))
                .filter(s -> s.getStatus() == null || s.getStatus().getReadyReplicas() == null)
                .forEach(s -> {
                    int replicas = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
                    s.setStatus(new StatefulSetStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas).build());
                    client.apps().statefulSets().inNamespace(s.getMetadata().getNamespace()).resource(s).updateStatus();
                });
    }

    private void argoCdServer() {
        var server = central.apps().deployments().inNamespace("argocd").withName("argocd-server").get();
        boolean ready = server != null && server.getStatus() != null && server.getStatus().getReadyReplicas() != null;
        if (ready && central.secrets().inNamespace("argocd").withName("argocd-initial-admin-secret").get() == null) {
            central.secrets().inNamespace("argocd").resource(new SecretBuilder().withNewMetadata()
                    .withName("argocd-initial-admin-secret").withNamespace("argocd").endMetadata()
                    .addToData("password", base64("argo-" + UUID.randomUUID())).build()).create();
        }
    }

    private void gitlabChart() {
        if (central.apiextensions().v1().customResourceDefinitions().withName("applications.argoproj.io").get() == null) {
            return;
        }
        boolean declared = central.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .withName("gitlab").get() != null;
        if (declared && central.apps().deployments().inNamespace("gitlab").withName("gitlab-webservice-default").get() == null) {
            central.apps().deployments().inNamespace("gitlab").resource(new DeploymentBuilder().withNewMetadata()
                    .withName("gitlab-webservice-default").withNamespace("gitlab").addToLabels("app", "webservice").endMetadata()
                    .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "webservice").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "webservice").endMetadata().withNewSpec()
                    .addNewContainer().withName("webservice").withImage("registry.gitlab.com/gitlab-org/webservice").endContainer()
                    .endSpec().endTemplate().endSpec().build()).create();
            central.secrets().inNamespace("gitlab").resource(new SecretBuilder().withNewMetadata()
                    .withName("gitlab-gitlab-initial-root-password").withNamespace("gitlab").endMetadata()
                    .addToData("password", base64("root-" + UUID.randomUUID())).build()).create();
        }
    }

    private static void tokenController(KubernetesClient edge) {
        edge.secrets().inAnyNamespace().list().getItems().stream()
                .filter(s -> "kubernetes.io/service-account-token".equals(s.getType()))
                .filter(s -> s.getData() == null || s.getData().get("token") == null)
                .forEach(s -> edge.secrets().inNamespace(s.getMetadata().getNamespace()).withName(s.getMetadata().getName())
                        .edit(secret -> new SecretBuilder(secret).addToData("token", base64("sa-token-" + UUID.randomUUID()))
                                .addToData("ca.crt", base64("ca")).build()));
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
