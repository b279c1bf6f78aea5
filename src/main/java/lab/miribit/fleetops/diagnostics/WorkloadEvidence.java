package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.ClusterClients;

/**
 * What the pods and volume claims of a namespace on a cluster say, as `kubectl get pods` and
 * `kubectl describe` would tell a person: crash loops, image pulls, unschedulable pods, unbound claims.
 */
@ApplicationScoped
class WorkloadEvidence {

    /** The trouble found, with the most useful remedy for it. */
    enum Trouble {
        CRASH_LOOP("read the container's logs: kubectl logs --previous"),
        IMAGE_PULL("check the image name and tag in Git and the registry credentials (imagePullSecrets)"),
        UNSCHEDULABLE("the cluster lacks room or a matching node: check requests, taints and node selectors"),
        VOLUME_PENDING("a PersistentVolumeClaim is not bound: check its StorageClass (Longhorn) and that Longhorn is healthy"),
        NOT_READY("the pods are running but not ready: check their readiness probes and logs");

        final String remedy;

        Trouble(String remedy) {
            this.remedy = remedy;
        }
    }

    record Evidence(List<String> lines, List<Trouble> troubles) {
    }

    private final ClusterClients clients;

    WorkloadEvidence(ClusterClients clients) {
        this.clients = clients;
    }

    Evidence of(Cluster cluster, String namespace) {
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

    private static void add(List<Trouble> troubles, Trouble trouble) {
        if (!troubles.contains(trouble)) {
            troubles.add(trouble);
        }
    }
}
