package lab.miribit.fleetops.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.problem.FleetProblem;

/** Readiness of Deployments and StatefulSets, and waiting for it with progress, as {@code kubectl wait} does. */
@ApplicationScoped
class Workloads {

    enum Kind {
        DEPLOYMENT, STATEFUL_SET
    }

    private final BootstrapConfig config;

    Workloads(BootstrapConfig config) {
        this.config = config;
    }

    /** "ready", or why not ("not found", "0/1 ready"). */
    String readiness(KubernetesClient client, Kind kind, String namespace, String name) {
        try {
            Integer wanted;
            Integer ready;
            if (kind == Kind.DEPLOYMENT) {
                Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
                if (deployment == null) {
                    return "not found";
                }
                wanted = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
                ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
            } else {
                StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
                if (set == null) {
                    return "not found";
                }
                wanted = set.getSpec() == null ? null : set.getSpec().getReplicas();
                ready = set.getStatus() == null ? null : set.getStatus().getReadyReplicas();
            }
            int want = wanted == null ? 1 : wanted;
            int have = ready == null ? 0 : ready;
            return have >= want && want > 0 ? "ready" : have + "/" + want + " ready";
        } catch (KubernetesClientException e) {
            return "unreadable (the API server " + ApiServerFailure.of(e).summary() + ")";
        }
    }

    boolean ready(KubernetesClient client, Kind kind, String namespace, String name) {
        return "ready".equals(readiness(client, kind, namespace, name));
    }

    /** Waits until ready, reporting each change of state; fails with the last state when {@code budget} runs out. */
    void await(KubernetesClient client, Kind kind, String namespace, String name, Duration budget, Consumer<Note> report)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(budget);
        Instant started = Instant.now();
        String last = null;
        while (true) {
            String state = readiness(client, kind, namespace, name);
            if ("ready".equals(state)) {
                return;
            }
            if (!state.equals(last)) {
                report.accept(Note.of("boot.state-after", namespace + "/" + name, state, Duration.between(started, Instant.now()).toSeconds()));
                last = state;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new FleetProblem.Unavailable(namespace + "/" + name + " is not ready after " + budget.toMinutes()
                        + " min (" + state + "); see its pods' events, then run the bootstrap again to resume", 60);
            }
            Thread.sleep(config.pollInterval().toMillis());
        }
    }
}
