package lab.miribit.fleetops.demo;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import lab.miribit.fleetops.fleet.FleetConfig;
import lab.miribit.fleetops.security.DemoSettings;

/**
 * In the demo profile, starts the {@link EmbeddedFleet} and points the service's own Kubernetes client at its
 * central API server (verifying that server's certificate). Outside the demo profile it changes nothing.
 */
// Built only into dev mode, the tests and the demo artifact: the production build has no demo code path.
@io.quarkus.arc.profile.IfBuildProfile(anyOf = { "dev", "test", "demo" })
@ApplicationScoped
class DemoFleet implements KubernetesConfigCustomizer {

    private static final Logger LOG = Logger.getLogger(DemoFleet.class);

    private final DemoSettings demo;
    private final FleetConfig fleet;
    private EmbeddedFleet embedded;

    DemoFleet(DemoSettings demo, FleetConfig fleet) {
        this.demo = demo;
        this.fleet = fleet;
    }

    @Override
    public void customize(Config config) {
        if (!demo.enabled()) {
            return;
        }
        EmbeddedFleet running = start();
        config.setMasterUrl(running.central().url());
        config.setCaCertData(running.central().caData());
        config.setCaCertFile(null);
        config.setTrustCerts(false);
        config.setOauthToken(null);
        config.setNamespace(fleet.argocd().namespace());
    }

    private synchronized EmbeddedFleet start() {
        if (embedded == null) {
            embedded = new EmbeddedFleet(fleet.central().name(), fleet.argocd().namespace(), demo.syncDuration()).start();
            LOG.infof("demo fleet: central API %s, edges %s (embedded, loopback only)", embedded.central().url(),
                    embedded.edges().stream().map(e -> e.name() + "=" + e.url()).toList());
        }
        return embedded;
    }

    @PreDestroy
    synchronized void stop() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
