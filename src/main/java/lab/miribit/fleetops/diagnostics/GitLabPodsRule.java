package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.fleet.ClusterClients;
import lab.miribit.fleetops.fleet.ClusterRole;

/** Runbook: "GitLab pods not starting" — PostgreSQL, Redis and the webservice in the GitLab namespace. */
@ApplicationScoped
class GitLabPodsRule implements DiagnosticRule {

    private static final List<String> COMPONENTS = List.of("postgresql", "redis", "webservice");

    private final ClusterClients clients;
    private final DiagnosticsConfig config;

    GitLabPodsRule(ClusterClients clients, DiagnosticsConfig config) {
        this.clients = clients;
        this.config = config;
    }

    @Override
    public String name() {
        return "gitlab-pods";
    }

    @Override
    public List<Finding> check(DiagnosticScope scope) {
        boolean centralInScope = scope.clusters().stream().anyMatch(c -> c.role() == ClusterRole.CENTRAL);
        if (!centralInScope || scope.description().startsWith("app/")) {
            return List.of();
        }
        KubernetesClient central = clients.central();
        String namespace = config.gitlabNamespace();
        // Pods only (no namespace lookup): fleet-ops' Role reads pods in GitLab's namespace and nothing cluster-wide.
        List<Pod> pods = central.pods().inNamespace(namespace).list().getItems();
        if (pods.isEmpty()) {
            return List.of(new Finding(name(), Finding.Severity.INFO, "namespace/" + namespace, Note.of("diag.gitlab-not-installed"),
                    List.of("no pods in namespace " + namespace + " on the central cluster"), Note.of("diag.gitlab-not-installed.remedy")));
        }
        List<String> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String component : COMPONENTS) {
            List<Pod> matching = pods.stream().filter(p -> p.getMetadata().getName().toLowerCase(Locale.ROOT).contains(component))
                    .toList();
            if (matching.isEmpty()) {
                missing.add(component);
                evidence.add("no " + component + " pod in " + namespace);
            }
            for (Pod pod : matching) {
                if (!ready(pod)) {
                    evidence.add("pod " + pod.getMetadata().getName() + " is not ready (phase "
                            + (pod.getStatus() == null ? "?" : pod.getStatus().getPhase()) + waiting(pod) + ")");
                }
            }
        }
        if (evidence.isEmpty()) {
            return List.of();
        }
        Note remedy = missing.contains("postgresql") || missing.contains("redis")
                ? Note.of("diag.gitlab-not-running.database", namespace) : Note.of("diag.gitlab-not-running.pods", namespace);
        return List.of(new Finding(name(), Finding.Severity.CRITICAL, "namespace/" + namespace, Note.of("diag.gitlab-not-running"),
                evidence, remedy));
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String waiting(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return "";
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .map(s -> ", " + s.getName() + " " + s.getState().getWaiting().getReason()).findFirst().orElse("");
    }
}
