package lab.miribit.fleetops.argocd;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import lab.miribit.fleetops.fleet.FleetConfig;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * The AppProjects of the Argo CD namespace, held by an informer: the sync windows a sync is checked against are read
 * from memory, so deciding whether a cluster's hundreds of applications may sync costs no request.
 */
@ApplicationScoped
public class ProjectCache {

    private static final Logger LOG = Logger.getLogger(ProjectCache.class);

    private final KubernetesClient central;
    private final String namespace;
    private SharedIndexInformer<AppProject> informer;

    ProjectCache(KubernetesClient central, FleetConfig config) {
        this.central = central;
        this.namespace = config.argocd().namespace();
    }

    void start(@Observes StartupEvent event) {
        informer = central.resources(AppProject.class).inNamespace(namespace).runnableInformer(0);
        informer.exceptionHandler((started, failure) -> {
            LOG.debugf("AppProject informer: %s", failure.toString());
            return true;
        });
        informer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    /** The project, or empty when Argo CD has none by that name; 503-style while the cache has never been filled. */
    public Optional<AppProject> find(String name) {
        if (informer == null || !informer.hasSynced()) {
            throw new FleetProblem.Unavailable("the central cluster's Kubernetes API is not reachable", 10);
        }
        return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }
}
