package lab.miribit.fleetops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import lab.miribit.fleetops.demo.ArgoCdSimulator;
import lab.miribit.fleetops.testing.SlackStandInResource;

/**
 * Minutes of mixed load on a large fleet (5 000 Applications, 100 clusters): 32 readers of the application and
 * cluster lists, a sync started every second (carried out by the simulated Argo CD), and a signed Slack slash
 * command every second whose acknowledgement is timed; heap and RSS sampled every 10 s to see whether memory
 * grows. Duration {@code -Dbench.duration=300} (seconds). Run with {@code ./mvnw verify -Pbenchmark
 * -Dtest=SustainedLoadBenchmark}; the report goes to {@code target/benchmarks/sustained-load.md}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(SustainedLoadBenchmark.Profile.class)
class SustainedLoadBenchmark {

    private static final int READERS = 32;
    private static final String SIGNING_SECRET = SlackStandInResource.SIGNING_SECRET;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LargeFleetResource.class), new TestResourceEntry(SlackStandInResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fleet.chat.rate-limit-per-minute", "1000000", "fleet.sync.wave-timeout", "30s");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    @TestSecurity(user = "bench", roles = { "fleet-viewer", "fleet-operator" })
    void mixedLoadOverMinutes() throws Exception {
        long seconds = Long.getLong("bench.duration", 300);
        ArgoCdSimulator argoCd = new ArgoCdSimulator(LargeFleetResource.central.client(), "argocd", Duration.ofMillis(500)).start();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(READERS + 4)).build();
        String base = "http://localhost:" + port;
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> get(http, base + "/api/v1/apps?limit=5000").body().length > 1_000_000);

        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Long> reads = Collections.synchronizedList(new ArrayList<>());
        List<Long> acks = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<String> memory = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        String[] paths = { "/api/v1/apps?cluster=cluster-042", "/api/v1/clusters", "/api/v1/apps?health=Degraded", "/api/v1/apps" };
        for (int r = 0; r < READERS; r++) {
            int offset = r;
            threads.add(started(() -> {
                for (int i = offset; System.nanoTime() < deadline; i++) {
                    String path = paths[i % paths.length];
                    long start = System.nanoTime();
                    int status = status(() -> get(http, base + path).statusCode());
                    reads.add(System.nanoTime() - start);
                    outcomes.computeIfAbsent("read " + status, k -> new AtomicLong()).incrementAndGet();
                }
            }));
        }
        AtomicInteger next = new AtomicInteger();
        long begun = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
        // every second: a sync of another application, then a slash command whose acknowledgement is timed
        ticks.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            String app = String.format("component-%02d-cluster-%03d", n % LargeFleetResource.APPS_PER_CLUSTER,
                    2 + n % (LargeFleetResource.CLUSTERS - 1));
            int status = status(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/apps/" + app + "/sync"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            outcomes.computeIfAbsent("sync " + status, k -> new AtomicLong()).incrementAndGet();
            long start = System.nanoTime();
            int ack = status(() -> slash(http, base, "status cluster-" + String.format("%03d", 2 + n % 99)).statusCode());
            acks.add(System.nanoTime() - start);
            outcomes.computeIfAbsent("slack " + ack, k -> new AtomicLong()).incrementAndGet();
        }, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
        ticks.scheduleAtFixedRate(() -> {
            Runtime runtime = Runtime.getRuntime();
            long used = runtime.totalMemory() - runtime.freeMemory();
            // The live set, after a full collection: growth here, not in the sawtooth of "used", would be a leak.
            System.gc();
            long live = runtime.totalMemory() - runtime.freeMemory();
            memory.add(String.format("| %d | %d | %d | %d |", (System.nanoTime() - begun) / 1_000_000_000L,
                    used / (1024 * 1024), live / (1024 * 1024), rssMib()));
        }, 0, 10, java.util.concurrent.TimeUnit.SECONDS);
        for (Thread thread : threads) {
            thread.join();
        }
        ticks.shutdown();
        ticks.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        argoCd.close();

        List<Long> sortedReads = sorted(reads);
        List<Long> sortedAcks = sorted(acks);
        String report = "Duration " + seconds + " s; " + READERS + " readers; a sync and a Slack slash command every second.\n\n"
                + "| measure | count | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |\n"
                + row("reads (apps by cluster, clusters, unhealthy apps, all apps)", sortedReads) + "\n"
                + row("Slack slash-command acknowledgement", sortedAcks) + "\n\n"
                + "Outcomes: " + new java.util.TreeMap<>(outcomes) + "\n\n"
                + "| s | heap used MiB | heap live after GC MiB | RSS MiB (service and load generator, one JVM) |\n"
                + "| ---: | ---: | ---: | ---: |\n"
                + String.join("\n", memory) + "\n";
        System.out.println("\n" + report);
        Path out = Path.of("target", "benchmarks", "sustained-load.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private HttpResponse<Void> slash(HttpClient http, String base, String text) throws Exception {
        String body = "token=x&team_id=T0BENCH&channel_id=C0BENCH&user_id=UBENCH" + next() + "&user_name=bench&command=%2Ffleet&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&response_url="
                + URLEncoder.encode("http://127.0.0.1:1/response/bench", StandardCharsets.UTF_8) + "&trigger_id=1.2.3";
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static final AtomicInteger USERS = new AtomicInteger();

    private static int next() {
        return USERS.incrementAndGet() % 50;
    }

    private interface Call {
        int status() throws Exception;
    }

    private static int status(Call call) {
        try {
            return call.status();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    private static String row(String what, List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "| " + what + " | 0 | | | |";
        }
        return String.format("| %s | %d | %.1f | %.1f | %.1f |", what, sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
    }

    private static long rssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException ignored) {
            // not on Linux: no RSS
        }
        return -1;
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work, "load");
        thread.start();
        return thread;
    }
}
