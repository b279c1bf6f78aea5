package lab.miribit.fleetops.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The guide's fleet on loopback: one embedded API server for the central cluster and one per edge cluster,
 * seeded with FLEET.md's applications, with the simulated Argo CD controller running against the central one.
 * fleet-ops talks to it with its real clients over HTTPS, exactly as to a real fleet.
 */
public final class EmbeddedFleet implements AutoCloseable {

    public static final List<String> EDGES = List.of("cluster-02", "cluster-03", "cluster-04");

    private final String centralName;
    private final String argocdNamespace;
    private final Duration syncDuration;
    private final List<EmbeddedApiServer> edges = new ArrayList<>();
    private EmbeddedApiServer central;
    private ArgoCdSimulator simulator;

    public EmbeddedFleet(String centralName, String argocdNamespace, Duration syncDuration) {
        this.centralName = centralName;
        this.argocdNamespace = argocdNamespace;
        this.syncDuration = syncDuration;
    }

    public EmbeddedFleet start() {
        central = new EmbeddedApiServer(centralName).start();
        for (String edge : EDGES) {
            edges.add(new EmbeddedApiServer(edge).start());
        }
        DemoFleetSeed seed = new DemoFleetSeed(argocdNamespace);
        seed.seedCentral(central.client(), centralName, edges);
        seed.seedCentralWorkloads(central.client());
        for (EmbeddedApiServer edge : edges) {
            seed.seedEdge(edge.client(), edge.name().equals("cluster-04"));
        }
        simulator = new ArgoCdSimulator(central.client(), argocdNamespace, syncDuration, this::destination).start();
        simulator.outcome(DemoFleetSeed.DEGRADED_APP, ArgoCdSimulator.Outcome.STAYS_DEGRADED);
        simulator.outcome(DemoFleetSeed.PROGRESSING_APP, ArgoCdSimulator.Outcome.STAYS_PROGRESSING);
        simulator.failWith(DemoFleetSeed.FAILING_APP, DemoFleetSeed.FAILING_MESSAGE);
        return this;
    }

    /** The embedded API server an Application's destination names: the central one in-cluster, an edge by name or URL. */
    private Optional<KubernetesClient> destination(String server, String name) {
        if ("https://kubernetes.default.svc".equals(server) || centralName.equals(name)) {
            return Optional.of(central.client());
        }
        return edges.stream().filter(edge -> edge.name().equals(name) || edge.url().equals(server)).findFirst()
                .map(EmbeddedApiServer::client);
    }

    public EmbeddedApiServer central() {
        return central;
    }

    public List<EmbeddedApiServer> edges() {
        return List.copyOf(edges);
    }

    public ArgoCdSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
        edges.forEach(EmbeddedApiServer::close);
        if (central != null) {
            central.close();
        }
    }
}
