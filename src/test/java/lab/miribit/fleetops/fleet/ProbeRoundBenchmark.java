package lab.miribit.fleetops.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedApiServer;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.HangingServer;
import lab.miribit.fleetops.testing.InjectFleet;

/**
 * A probe round over 1 000 clusters: 900 that answer (cluster Secrets pointing at the test fleet's edge API servers),
 * 50 that refuse and 50 that accept and never answer, with the test's 1 s connect and answer timeouts. Measures the
 * round's time and the threads and file descriptors it needs. Run with {@code ./mvnw verify -Pbenchmark}; results go to
 * {@code target/benchmarks/probe-round.md}.
 */
@QuarkusTest
@Tag("benchmark")
class ProbeRoundBenchmark {

    private static final int ANSWERING = 900;
    private static final int REFUSING = 50;
    private static final int SILENT = 50;

    @InjectFleet
    EmbeddedFleet fleet;

    @Inject
    Fleet clusters;

    @Inject
    ConnectionMonitor connections;

    @Test
    void aRoundOverAThousandClusters() throws Exception {
        try (HangingServer silent = new HangingServer()) {
            KubernetesClient central = fleet.central().client();
            DemoFleetSeed seed = new DemoFleetSeed("argocd");
            List<EmbeddedApiServer> edges = fleet.edges();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < ANSWERING + REFUSING + SILENT; i++) {
                String name = String.format("bench-%04d", i);
                EmbeddedApiServer edge = edges.get(i % edges.size());
                String server = i < ANSWERING ? edge.url() : i < ANSWERING + REFUSING ? "https://127.0.0.1:1"
                        : "https://127.0.0.1:" + silent.port();
                central.secrets().inNamespace("argocd").resource(seed.clusterSecret(name, server, "edge", "token-" + i,
                        edge.caData())).create();
                names.add(name);
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> names.stream().allMatch(name -> clusters.find(name).isPresent()));
            connections.probeAll();

            int threadsBefore = serviceThreads();
            long fdsBefore = openFileDescriptors();
            AtomicInteger peakThreads = new AtomicInteger(threadsBefore);
            List<Long> fdSamples = new CopyOnWriteArrayList<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                peakThreads.accumulateAndGet(serviceThreads(), Math::max);
                fdSamples.add(openFileDescriptors());
            }, 0, 20, TimeUnit.MILLISECONDS);
            List<Long> millis = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                connections.probeAll();
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            sampler.shutdownNow();
            long failed = names.stream().filter(name -> connections.connection(name).state() == Connection.State.Failed).count();
            assertThat(failed).isEqualTo(REFUSING + SILENT);
            Collections.sort(millis);
            long peakFds = fdSamples.stream().mapToLong(Long::longValue).max().orElse(fdsBefore);
            String report = "| probe round | clusters | refusing | silent | runs | median ms | max ms | service threads before → peak |"
                    + " open fds before → peak |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                    + "| `/version`, 1 s connect + 1 s answer timeouts | " + names.size() + " | " + REFUSING + " | " + SILENT + " | "
                    + millis.size() + " | " + millis.get(millis.size() / 2) + " | " + millis.get(millis.size() - 1) + " | "
                    + threadsBefore + " → " + peakThreads.get() + " | " + fdsBefore + " → " + peakFds + " |\n";
            // Which threads there are, by name with the numbers taken out: where a count comes from.
            java.util.Map<String, Long> byName = new java.util.TreeMap<>();
            Thread.getAllStackTraces().keySet().forEach(thread -> byName.merge(thread.getName().replaceAll("[0-9]+", "#"), 1L, Long::sum));
            report += "\nThreads by name after the rounds (the ten largest groups): " + byName.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                    .map(e -> "`" + e.getKey() + "` " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")) + "\n";
            System.out.println("\n" + report);
            Path out = Path.of("target", "benchmarks", "probe-round.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            names.forEach(name -> central.secrets().inNamespace("argocd").withName("cluster-" + name).delete());
        }
    }

    /**
     * Threads of the service, not of the test's fixtures: the embedded API servers in this JVM serve each connection on
     * a thread of their own ({@code embedded-api-tls}), which a real API server elsewhere would not add here.
     */
    private static int serviceThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(thread -> !thread.getName().startsWith("embedded-api"))
                .count();
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException unreadable) {
            return -1;
        }
    }
}
