package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import lab.miribit.fleetops.demo.EmbeddedFleet;

/**
 * The embedded fleet with fleet-ops reaching its central API server through an {@link TcpLink}, so that a
 * test can make the central API hang and come back while everything else (Argo CD's simulator included) runs on.
 */
public class CentralBehindLinkResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedFleet fleet;
    private TcpLink link;

    @Override
    public Map<String, String> start() {
        fleet = new EmbeddedFleet("cluster-01", "argocd", Duration.ofMillis(150)).start();
        try {
            link = new TcpLink(URI.create(fleet.central().url()).getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new CentralClientConfig("https://localhost:" + link.port(), fleet.central().caData(), "argocd")
                .properties();
        config.put("fleet.clusters.probe-interval", "1h");
        config.put("fleet.sync.wave-timeout", "5s");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(link, new TestInjector.AnnotatedAndMatchesType(InjectCentralLink.class, TcpLink.class));
        injector.injectIntoFields(fleet, new TestInjector.AnnotatedAndMatchesType(InjectFleet.class, EmbeddedFleet.class));
    }

    @Override
    public void stop() {
        if (link != null) {
            link.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }
}
