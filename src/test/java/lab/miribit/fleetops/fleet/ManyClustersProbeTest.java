package lab.miribit.fleetops.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.HangingServer;
import lab.miribit.fleetops.testing.InjectFleet;

/**
 * A probe round over many clusters, a hundred and fifty refusing and twenty that accept and never answer: each dead one
 * is marked Failed within its own timeout, the round ends about one timeout later rather than twenty, and it holds no
 * thread per cluster (the probes are requests on the shared event loops).
 */
@QuarkusTest
class ManyClustersProbeTest {

    private static final int REFUSING = 150;
    private static final int HANGING = 20;

    @InjectFleet
    EmbeddedFleet fleet;

    @Inject
    Fleet clusters;

    @Inject
    ConnectionMonitor connections;

    private HangingServer silent;
    private final List<String> added = new ArrayList<>();

    @BeforeEach
    void addDeadClusters() throws IOException {
        silent = new HangingServer();
        KubernetesClient central = fleet.central().client();
        DemoFleetSeed seed = new DemoFleetSeed("argocd");
        for (int i = 0; i < REFUSING + HANGING; i++) {
            String name = String.format("dead-%03d", i);
            // Port 1 on loopback refuses at once; the silent server accepts and never says a word.
            String server = i < REFUSING ? "https://127.0.0.1:1" : "https://127.0.0.1:" + silent.port();
            central.secrets().inNamespace("argocd").resource(seed.clusterSecret(name, server, "edge", "token-" + i,
                    fleet.central().caData())).create();
            added.add(name);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> added.stream().allMatch(name -> clusters.find(name).isPresent()));
    }

    @AfterEach
    void removeThem() throws IOException {
        KubernetesClient central = fleet.central().client();
        added.forEach(name -> central.secrets().inNamespace("argocd").withName("cluster-" + name).delete());
        await().atMost(Duration.ofSeconds(30)).until(() -> added.stream().noneMatch(name -> clusters.find(name).isPresent()));
        silent.close();
    }

    @Test
    void aRoundOverManyDeadClustersIsBoundedByOneTimeoutAndHoldsNoThreadPerCluster() {
        AtomicInteger peak = new AtomicInteger();
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(ManagementFactory.getThreadMXBean().getThreadCount(), Math::max),
                0, 20, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        connections.probeAll();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        sampler.shutdownNow();

        for (String name : added) {
            assertThat(connections.connection(name).state()).as(name).isEqualTo(Connection.State.Failed);
        }
        assertThat(connections.connection("dead-000").message()).isEqualTo("connection refused");
        assertThat(connections.connection(String.format("dead-%03d", REFUSING)).message()).startsWith("no answer within");
        for (String edge : EmbeddedFleet.EDGES) {
            assertThat(connections.connection(edge).state()).as(edge).isEqualTo(Connection.State.Successful);
        }
        // Twenty silent clusters probed one after another would take twenty budgets (2.5 s each here); side by side, one.
        assertThat(took).as("the round").isLessThan(Duration.ofMillis(2_500).multipliedBy(5));
        // A thread per probe would add a hundred and seventy.
        assertThat(peak.get() - before).as("threads added during the round").isLessThan(40);
    }
}
