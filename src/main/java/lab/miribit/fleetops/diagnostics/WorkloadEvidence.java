package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.ClusterClients;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * What the pods and volume claims of a namespace on a cluster say, as `kubectl get pods` and
 * `kubectl describe` would tell a person: crash loops, image pulls, unschedulable pods, unbound claims.
 * Clusters are read side by side, so a dead edge costs its own timeout once, not once per application.
 */
@ApplicationScoped
class WorkloadEvidence {

    /** The trouble found, with the most useful remedy for it. */
    enum Trouble {
        CRASH_LOOP, IMAGE_PULL, UNSCHEDULABLE, VOLUME_PENDING, NOT_READY;

        /** What to do about it: {@code diag.trouble.<name>} in the operations' notes. */
        Note remedy() {
            return Note.of("diag.trouble." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }

    /** A namespace on a cluster. */
    record Workload(Cluster cluster, String namespace) {
    }

    record Evidence(List<String> lines, List<Trouble> troubles) {
    }

    private final ClusterClients clients;
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "workload-evidence");
        thread.setDaemon(true);
        return thread;
    });

    WorkloadEvidence(ClusterClients clients) {
        this.clients = clients;
    }

    /**
     * The evidence of each workload. A cluster that cannot be read is noted in {@code gaps} (once) and its
     * workloads get a line saying so instead of pod facts; the other clusters' evidence is unaffected.
     */
    Map<Workload, Evidence> of(Collection<Workload> workloads, Gaps gaps) {
        Map<String, List<Workload>> byCluster = new LinkedHashMap<>();
        workloads.stream().distinct().forEach(w -> byCluster.computeIfAbsent(w.cluster().name(), name -> new ArrayList<>()).add(w));
        List<CompletableFuture<Map<Workload, Evidence>>> reading = new ArrayList<>();
        for (List<Workload> onOneCluster : byCluster.values()) {
            reading.add(CompletableFuture.supplyAsync(() -> read(onOneCluster, gaps), readers));
        }
        Map<Workload, Evidence> evidence = new LinkedHashMap<>();
        reading.forEach(result -> evidence.putAll(result.join()));
        return evidence;
    }

    private Map<Workload, Evidence> read(List<Workload> onOneCluster, Gaps gaps) {
        Map<Workload, Evidence> evidence = new LinkedHashMap<>();
        String source = "cluster/" + onOneCluster.get(0).cluster().name();
        for (Workload workload : onOneCluster) {
            String unreadable = gaps.find(source).orElse(null);
            if (unreadable == null) {
                try {
                    evidence.put(workload, of(workload.cluster(), workload.namespace()));
                    continue;
                } catch (KubernetesClientException e) {
                    unreadable = "pods and claims could not be read: the API server " + ApiServerFailure.of(e).summary();
                } catch (FleetProblem unusable) {
                    // the cluster's Secret gives no usable client (say, a config that is not JSON)
                    unreadable = "pods and claims could not be read: " + unusable.getMessage();
                }
                gaps.add(source, unreadable);
            }
            evidence.put(workload, new Evidence(List.of("on " + workload.cluster().name() + ", " + unreadable), List.of()));
        }
        return evidence;
    }

    private Evidence of(Cluster cluster, String namespace) {
        KubernetesClient client = clients.forCluster(cluster);
        List<String> lines = new ArrayList<>();
        List<Trouble> troubles = new ArrayList<>();
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            String name = pod.getMetadata().getName();
            List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    ? List.of() : pod.getStatus().getContainerStatuses();
            for (ContainerStatus status : statuses) {
                String waiting = status.getState() != null && status.getState().getWaiting() != null
                        ? status.getState().getWaiting().getReason() : null;
                if ("CrashLoopBackOff".equals(waiting)) {
                    lines.add("pod " + name + " on " + cluster.name() + ": container " + status.getName() + " CrashLoopBackOff ("
                            + status.getRestartCount() + " restarts)");
                    add(troubles, Trouble.CRASH_LOOP);
                } else if ("ImagePullBackOff".equals(waiting) || "ErrImagePull".equals(waiting)) {
                    lines.add("pod " + name + " on " + cluster.name() + ": " + waiting + " for image " + status.getImage());
                    add(troubles, Trouble.IMAGE_PULL);
                }
            }
            if (pod.getStatus() != null && "Pending".equals(pod.getStatus().getPhase())) {
                String unschedulable = pod.getStatus().getConditions() == null ? null : pod.getStatus().getConditions().stream()
                        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                        .map(PodCondition::getMessage).findFirst().orElse(null);
                lines.add("pod " + name + " on " + cluster.name() + ": Pending" + (unschedulable == null ? "" : " — " + unschedulable));
                add(troubles, unschedulable != null && !unschedulable.contains("PersistentVolumeClaim") ? Trouble.UNSCHEDULABLE
                        : Trouble.VOLUME_PENDING);
            }
        }
        for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
            String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
            if (!"Bound".equals(phase)) {
                lines.add("PersistentVolumeClaim " + claim.getMetadata().getName() + " on " + cluster.name() + " is "
                        + (phase == null ? "not bound" : phase) + " (storage class "
                        + (claim.getSpec() == null ? "?" : claim.getSpec().getStorageClassName()) + ")");
                add(troubles, Trouble.VOLUME_PENDING);
            }
        }
        return new Evidence(lines, troubles);
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    private static void add(List<Trouble> troubles, Trouble trouble) {
        if (!troubles.contains(trouble)) {
            troubles.add(trouble);
        }
    }
}
