package lab.miribit.fleetops.chat.slack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.SlackStandInResource;

/**
 * Slash-command acknowledgement latency in HTTP mode: 32 concurrent senders, each request really signed,
 * measured from sending to Slack's 200 (Slack gives up after 3 000 ms). Run with {@code ./mvnw verify -Pbenchmark};
 * the table is printed and written to {@code target/benchmarks/slack-ack.md}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(SlackAckBenchmark.NoRateLimit.class)
class SlackAckBenchmark {

    private static final int SENDERS = 32;
    private static final SlackSignature SIGNER = new SlackSignature(SlackStandInResource.SIGNING_SECRET);

    /** The per-user rate limit would otherwise answer most of the load with a polite refusal. */
    public static class NoRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fleet.chat.rate-limit-per-minute", "1000000");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void acknowledgementLatency() throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(SENDERS)).build();
        List<String> apps = DemoFleetSeed.apps("cluster-01", EmbeddedFleet.EDGES).stream().map(DemoFleetSeed.DemoApp::name).toList();
        AtomicInteger counter = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        List<String> rows = new ArrayList<>();
        rows.add(row("`/fleet status cluster-02` (read)", measure(http, 3200, i -> "status cluster-02", null)));
        rows.add(row("`/fleet sync APP --dry-run` (action; accepted or 409 when the app is busy)", measure(http, 3200,
                i -> "sync " + apps.get(counter.incrementAndGet() % apps.size()) + " --dry-run", accepted)));
        String report = "| request, " + SENDERS + " concurrent senders | requests | p50 ms | p99 ms | max ms | acks/s"
                + " | CPU ms per ack | mean latency floor ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + String.join("\n", rows) + "\n\n"
                + accepted.get() + " of the sync acknowledgements were accepted operations, the rest refusals of a busy app.\n";
        System.out.println("\n" + report);
        Path out = Path.of("target", "benchmarks", "slack-ack.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private interface Text {
        String of(int i);
    }

    /**
     * @param cpuPerAck the process' CPU time per acknowledgement while the senders ran, in ms: the server's work and the
     *                  senders' own (signing, HTTP client), as both share the two cores
     * @param floor     the least mean latency that CPU time allows a closed loop of {@link #SENDERS} senders on this
     *                  machine's cores (Little's law: latency = senders × CPU per request ÷ cores), in ms
     */
    private record Result(int requests, double p50, double p99, double max, double perSecond, double cpuPerAck, double floor) {
    }

    private Result measure(HttpClient http, int total, Text text, AtomicInteger accepted) throws Exception {
        for (int i = 0; i < 200; i++) {
            send(http, text.of(i), i, null);
        }
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> work = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            work.add(() -> {
                for (int i = 0; i < total / SENDERS; i++) {
                    latencies.add(send(http, text.of(i), sender * 100_000 + i, accepted));
                }
                return null;
            });
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        for (var done : senders.invokeAll(work)) {
            done.get();
        }
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        double cpuPerAck = (os.getProcessCpuTime() - cpuBefore) / 1e6 / latencies.size();
        senders.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int cores = Runtime.getRuntime().availableProcessors();
        return new Result(sorted.size(), pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6,
                sorted.size() / wall, cpuPerAck, SENDERS * cpuPerAck / cores);
    }

    /**
     * Sends one signed slash command. Its response_url is on a host that is not allowed (and never resolves),
     * so no follow-up leaves the machine. Returns the nanoseconds until the acknowledgement.
     */
    private long send(HttpClient http, String text, int n, AtomicInteger accepted) throws Exception {
        String body = "team_id=T0MIRIBIT&channel_id=C0PLATFORM&user_id=UOPERATOR1&user_name=bench&command=%2Ffleet"
                + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode("https://hooks.slack.invalid/commands/bench/" + n, StandardCharsets.UTF_8)
                + "&trigger_id=bench-" + System.nanoTime() + "-" + n;
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", "v0=" + SIGNER.sign(ts, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        if (accepted != null && response.body().contains("Accepted: ")) {
            accepted.incrementAndGet();
        }
        return took;
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static String row(String what, Result r) {
        return String.format(java.util.Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.0f | %.2f | %.1f |", what, r.requests(), r.p50(),
                r.p99(), r.max(), r.perSecond(), r.cpuPerAck(), r.floor());
    }
}
