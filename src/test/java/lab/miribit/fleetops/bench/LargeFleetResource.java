package lab.miribit.fleetops.bench;

import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedApiServer;
import lab.miribit.fleetops.testing.CentralClientConfig;

/**
 * A central API server holding 5 000 Applications spread over 100 clusters, for the list benchmark. The edge
 * Secrets point at loopback ports where nothing listens: their clusters show as Failed, which costs the
 * benchmark nothing.
 */
public class LargeFleetResource implements QuarkusTestResourceLifecycleManager {

    static final int CLUSTERS = 100;
    static final int APPS_PER_CLUSTER = 50;

    static EmbeddedApiServer central;

    @Override
    public Map<String, String> start() {
        central = new EmbeddedApiServer("cluster-001").start();
        KubernetesClient client = central.client();
        DemoFleetSeed seed = new DemoFleetSeed("argocd");
        client.apiextensions().v1().customResourceDefinitions().resource(DemoFleetSeed.applicationCrd(DemoFleetSeed.ArgoCdVersion.V3_1)).create();
        for (int c = 2; c <= CLUSTERS; c++) {
            String name = String.format("cluster-%03d", c);
            client.secrets().inNamespace("argocd").resource(seed.clusterSecret(name, "https://127.0.0.1:" + (40000 + c), "edge",
                    "bench-token", central.caData())).create();
        }
        for (int c = 1; c <= CLUSTERS; c++) {
            String cluster = String.format("cluster-%03d", c);
            for (int a = 0; a < APPS_PER_CLUSTER; a++) {
                GenericKubernetesResource app = seed.application(new DemoFleetSeed.DemoApp(
                        String.format("component-%02d-%s", a, cluster), cluster, c == 1 ? "central" : "edge",
                        "component-" + a, "monitoring", a % 6), "cluster-001");
                client.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                        .resource(app).create();
            }
        }
        Map<String, String> config = new CentralClientConfig(central.url(), central.caData(), "argocd").properties();
        config.put("fleet.central.name", "cluster-001");
        config.put("fleet.clusters.probe-interval", "1h");
        config.put("fleet.clusters.connect-timeout", "200ms");
        config.put("fleet.clusters.request-timeout", "200ms");
        config.put("quarkus.oidc.tenant-enabled", "false");
        config.put("quarkus.log.category.\"fleet.audit\".level", "WARN");
        return config;
    }

    @Override
    public void stop() {
        if (central != null) {
            central.close();
        }
    }
}
