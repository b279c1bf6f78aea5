package lab.miribit.fleetops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.ArgoCdSimulator;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedApiServer;
import lab.miribit.fleetops.testing.CentralClientConfig;
import lab.miribit.fleetops.testing.ServiceProcess;
import lab.miribit.fleetops.testing.Tokens;

/**
 * The packaged service, in a process of its own with the heap a Deployment gives it, against an embedded central API
 * server holding {@code bench.apps} Applications (50 000 by default) spread over {@code bench.clusters} clusters (1 000):
 * every edge cluster Secret points at a second embedded API server, so all of them answer their probes. A simulated
 * Argo CD controller in this JVM carries out syncs. Measured: start to ready, the live heap after a full collection,
 * RSS, threads and file descriptors, list and read latencies with 8 concurrent clients, the drift check, a cluster
 * sync's overhead per wave, and the same list through kubectl and a direct LIST.
 *
 * <p>Run: {@code ./mvnw verify -Pbenchmark -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LargeFleetBenchmarkIT}
 * (add {@code -Dbench.apps=5000 -Dbench.clusters=100} for the smaller fleet); the table is printed and written to
 * {@code target/benchmarks/large-fleet-<apps>.md}.
 */
@Tag("benchmark")
class LargeFleetBenchmarkIT {

    private static final int APPS = Integer.getInteger("bench.apps", 50_000);
    /** Counts a page's items as a client would read them (Jackson, not the test's slower JsonPath). */
    private static final com.fasterxml.jackson.databind.ObjectMapper PAGE_READER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final int CLUSTERS = Integer.getInteger("bench.clusters", 1_000);
    /** The Deployment's memory limit is 512 MiB; a container that size gets the serial collector from the JVM. */
    private static final List<String> JVM = Arrays.asList(System.getProperty("bench.jvm", "-Xmx512m -XX:+UseSerialGC").split(" "));
    private static final Duration SIMULATED_SYNC = Duration.ofMillis(200);
    private static final int CLIENTS = 8;
    private static final String CENTRAL = "cluster-0001";

    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    @Test
    void theServiceOnALargeFleet() throws Exception {
        Tokens.signWithoutTheOidcServer();
        Files.createDirectories(Path.of("target", "benchmarks"));
        try (EmbeddedApiServer central = new EmbeddedApiServer(CENTRAL).start();
                EmbeddedApiServer edges = new EmbeddedApiServer("edges").start()) {
            long seeding = System.nanoTime();
            seed(central, edges);
            notes.add(String.format(Locale.ROOT, "seeded %d Applications and %d cluster Secrets in %.0f s", APPS, CLUSTERS,
                    (System.nanoTime() - seeding) / 1e9));
            Map<String, String> config = new CentralClientConfig(central.url(), central.caData(), "argocd").properties();
            config.putAll(Tokens.verifierConfig());
            config.put("fleet.central.name", CENTRAL);
            config.put("quarkus.log.category.\"fleet.audit\".level", "WARN");
            // The simulated controller starts once the service is ready: its own list of every Application would otherwise
            // compete with the service's for the embedded API server during the start being measured.
            // Its own client with a long request timeout: fabric8's mock sends every stored object to each watch that opens
            // (KubernetesCrudDispatcher.handleWatch ignores the resourceVersion), which at this size holds one of the
            // embedded server's event loops for seconds, and a request waiting behind it would time out after 10 s.
            KubernetesClient controllerClient = new KubernetesClientBuilder().withConfig(
                    new ConfigBuilder(central.client().getConfiguration()).withRequestTimeout(120_000).build()).build();
            ArgoCdSimulator argoCd = new ArgoCdSimulator(controllerClient, "argocd", SIMULATED_SYNC);
            long launched = System.nanoTime();
            try (ServiceProcess service = ServiceProcess.start("large-fleet", config, JVM, Duration.ofMinutes(10))) {
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(service::ready);
                rows.add(String.format(Locale.ROOT, "| start to ready (launch of `java` to /q/health/ready 200) | %d ms |",
                        (System.nanoTime() - launched) / 1_000_000));
                argoCd.start();
                // The controller's first look at every application: as many events as applications, handled in this JVM on
                // the same two cores as the service (the seed's applications are compared already: nothing to write). The
                // fleet is measured after that.
                long comparing = System.nanoTime();
                await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(argoCd::caughtUp);
                rows.add(String.format(Locale.ROOT, "| the simulated controller's first pass over every application"
                        + " (started once the service is ready) | %d ms |", (System.nanoTime() - comparing) / 1_000_000));
                HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();
                String viewer = Tokens.viewer();
                awaitProbed(http, service, viewer);
                process(service, "after the first probe round");
                // Each part reports what it measured, or why it could not, and the next one runs regardless.
                part("reads", () -> reads(http, service, viewer));
                part("drift check and cluster sync", () -> driftAndSync(http, service, central));
                part("kubectl and a direct LIST", () -> kubectlAndDirectList(http, service, Tokens.viewer(), central));
                process(service, "after the reads, the drift checks and the sync");
            } finally {
                argoCd.close();
                controllerClient.close();
            }
        }
        String report = "| measure (" + APPS + " applications, " + CLUSTERS + " clusters; service JVM `" + String.join(" ", JVM)
                + "`) | figure |\n| --- | ---: |\n" + String.join("\n", rows) + "\n\n" + String.join("\n",
                        notes.stream().map(note -> "- " + note).toList()) + "\n";
        System.out.println("\n" + report);
        Path out = Path.of("target", "benchmarks", "large-fleet-" + APPS + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private interface Part {
        void run() throws Exception;
    }

    private void part(String name, Part part) {
        int before = rows.size();
        try {
            part.run();
        } catch (Exception | AssertionError failed) {
            rows.add("| " + name + ": not measured — " + failed.getClass().getSimpleName() + ": "
                    + String.valueOf(failed.getMessage()).lines().findFirst().orElse("").replace('|', '/') + " | — |");
        }
        rows.subList(before, rows.size()).forEach(System.out::println);
    }

    /** Cluster Secrets through the API from eight threads, then the Applications straight into the store. */
    private static void seed(EmbeddedApiServer central, EmbeddedApiServer edges) throws Exception {
        KubernetesClient client = central.client();
        DemoFleetSeed seed = new DemoFleetSeed("argocd");
        client.apiextensions().v1().customResourceDefinitions().resource(DemoFleetSeed.applicationCrd(DemoFleetSeed.ArgoCdVersion.V3_1))
                .create();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int c = 2; c <= CLUSTERS; c++) {
            String name = cluster(c);
            writes.add(writers.submit(() -> client.secrets().inNamespace("argocd")
                    .resource(seed.clusterSecret(name, edges.url(), "edge", "bench-token", edges.caData())).create()));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        writers.shutdown();
        int perCluster = APPS / CLUSTERS;
        List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> apps = new ArrayList<>();
        for (int c = 1; c <= CLUSTERS; c++) {
            String cluster = cluster(c);
            for (int a = 0; a < perCluster; a++) {
                apps.add(seed.application(new DemoFleetSeed.DemoApp(String.format("component-%02d-%s", a, cluster), cluster,
                        c == 1 ? "central" : "edge", "component-" + a, "monitoring", a % 6), CENTRAL));
            }
        }
        // Created one by one, the mock's scan for an existing name makes 50 000 Applications take most of an hour.
        central.preload("applications", apps);
        assertThat(client.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd").list().getItems())
                .hasSize(APPS);
    }

    private static String cluster(int index) {
        return String.format("cluster-%04d", index);
    }

    /** Until every edge cluster has been probed once: then threads and descriptors are those of a fleet that answers. */
    private void awaitProbed(HttpClient http, ServiceProcess service, String token) {
        long start = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath clusters = new JsonPath(new String(get(http, service, "/api/v1/clusters?limit=" + CLUSTERS, token), StandardCharsets.UTF_8));
            return clusters.getList("connection.state", String.class).stream().filter("Successful"::equals).count() == CLUSTERS;
        });
        notes.add(String.format(Locale.ROOT, "every cluster showed Successful %.1f s after ready", (System.nanoTime() - start) / 1e9));
    }

    /** Live heap (a class histogram forces a full collection first), RSS, threads and open descriptors of the service. */
    private void process(ServiceProcess service, String when) throws IOException, InterruptedException {
        long pid = service.pid();
        Process histogram = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid),
                "GC.class_histogram").redirectErrorStream(true).start();
        String output = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        histogram.waitFor();
        String total = output.lines().filter(line -> line.startsWith("Total")).findFirst().orElseThrow(() -> new IllegalStateException(output));
        long liveBytes = Long.parseLong(total.trim().split("\\s+")[2]);
        // What the live heap is made of, for whoever wants to make it smaller.
        Files.writeString(Path.of("target", "benchmarks", "large-fleet-" + APPS + "-histogram-" + rows.size() + ".txt"),
                String.join("\n", output.lines().limit(40).toList()) + "\n" + total + "\n");
        if (System.getProperty("bench.heap-dump") != null) {
            // -Dbench.heap-dump=DIR: also an HPROF dump at each measuring point, to see who holds what.
            Path dump = Path.of(System.getProperty("bench.heap-dump"), "large-fleet-" + APPS + "-" + rows.size() + ".hprof").toAbsolutePath();
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), "GC.heap_dump",
                    dump.toString()).inheritIO().start().waitFor();
        }
        List<String> status = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            fds = open.count();
        }
        rows.add(String.format(Locale.ROOT, "| %s: live heap after a full GC / RSS / threads / open fds | %d MiB / %d MiB / %s / %d |", when,
                liveBytes >> 20, field(status, "VmRSS") >> 10, field(status, "Threads"), fds));
    }

    private static long field(List<String> status, String name) {
        return status.stream().filter(line -> line.startsWith(name + ":")).map(line -> line.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow();
    }

    private void reads(HttpClient http, ServiceProcess service, String token) throws Exception {
        int[] next = {0};
        Latencies.Result byCluster = Latencies.measure(CLIENTS, 200, 4000, () -> {
            int c;
            synchronized (next) {
                c = 1 + next[0]++ % CLUSTERS;
            }
            get(http, service, "/api/v1/apps?cluster=" + cluster(c), token);
        });
        rows.add(row("`GET /api/v1/apps?cluster=…` (" + APPS / CLUSTERS + " apps; a different cluster each time), 8 clients", byCluster));
        rows.add(row("`GET /api/v1/apps` (default page of 500), 8 clients",
                Latencies.measure(CLIENTS, 50, 800, () -> get(http, service, "/api/v1/apps", token))));
        rows.add(row("`GET /api/v1/clusters` (default page of 500), 8 clients",
                Latencies.measure(CLIENTS, 50, 800, () -> get(http, service, "/api/v1/clusters", token))));
        rows.add(row("`GET /api/v1/diagnostics` (whole fleet), 1 client",
                Latencies.measure(1, 1, 5, () -> get(http, service, "/api/v1/diagnostics", token))));
    }

    private void driftAndSync(HttpClient http, ServiceProcess service, EmbeddedApiServer central) throws Exception {
        String operator = Tokens.operator();
        rows.add(row("`POST /api/v1/checks/drift/run` (whole fleet), 1 client",
                Latencies.measure(1, 1, 3, () -> send(http, service, "POST", "/api/v1/checks/drift/run", operator, ""))));
        // A cluster sync: its waves run one after another, each waiting for the simulated controller (SIMULATED_SYNC per
        // application, all of a wave side by side). What is left of the operation's duration is fleet-ops' own time.
        String admin = Tokens.admin();
        String target = cluster(CLUSTERS / 2);
        JsonPath accepted = new JsonPath(send(http, service, "POST", "/api/v1/clusters/" + target + "/sync", admin, "{\"dryRun\":true}"));
        String id = accepted.getString("id");
        JsonPath done = await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(
                // A fresh token each time: the tokens the tests mint live five minutes, a sync at this size may take longer.
                () -> new JsonPath(new String(get(http, service, "/api/v1/operations/" + id, Tokens.admin()), StandardCharsets.UTF_8)),
                operation -> operation.getString("finishedAt") != null);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        int waves = done.getList("steps").size();
        Instant opStart = Instant.parse(done.getString("startedAt"));
        Instant opEnd = Instant.parse(done.getString("finishedAt"));
        // Argo CD's own time per wave: from the first of its applications' operation starts to the last one's end, as the
        // controller wrote them (millisecond timestamps); the rest of the operation is fleet-ops noticing, judging and
        // starting the next wave — and the controller noticing that start.
        java.util.TreeMap<Integer, Instant[]> argoCdSpans = new java.util.TreeMap<>();
        for (var app : central.client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                .withLabel("fleet-ops.miribit.lab/cluster", target).list().getItems()) {
            int wave = Integer.parseInt(app.getMetadata().getAnnotations().get(lab.miribit.fleetops.argocd.Application.SYNC_WAVE_ANNOTATION));
            @SuppressWarnings("unchecked")
            Map<String, Object> state = (Map<String, Object>) ((Map<String, Object>) app.getAdditionalProperties().get("status"))
                    .get("operationState");
            Instant started = Instant.parse((String) state.get("startedAt"));
            Instant finished = Instant.parse((String) state.get("finishedAt"));
            argoCdSpans.merge(wave, new Instant[] {started, finished}, (x, y) -> new Instant[] {
                    x[0].isBefore(y[0]) ? x[0] : y[0], x[1].isAfter(y[1]) ? x[1] : y[1]});
        }
        long argoCdMillis = argoCdSpans.values().stream().mapToLong(span -> Duration.between(span[0], span[1]).toMillis()).sum();
        // fleet-ops' own time: from the operation's start, and from each wave's last end in Argo CD, to the first sync of the
        // next wave written (its SyncRequested event is stamped just after the write), and from the last wave's end to the
        // operation's end: noticing a wave is over, judging it, writing the next one.
        java.util.TreeMap<Integer, Instant> firstWrite = new java.util.TreeMap<>();
        for (var event : central.client().v1().events().inNamespace("argocd").list().getItems()) {
            if ("SyncRequested".equals(event.getReason()) && event.getMessage().contains(id)) {
                String app = event.getInvolvedObject().getName();
                int wave = Integer.parseInt(central.client().genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                        .inNamespace("argocd").withName(app).get().getMetadata().getAnnotations()
                        .get(lab.miribit.fleetops.argocd.Application.SYNC_WAVE_ANNOTATION));
                firstWrite.merge(wave, Instant.parse(event.getFirstTimestamp()), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        assertThat(firstWrite.keySet()).isEqualTo(argoCdSpans.keySet());
        long ownMillis = Duration.between(opStart, firstWrite.firstEntry().getValue()).toMillis()
                + Duration.between(argoCdSpans.lastEntry().getValue()[1], opEnd).toMillis();
        for (Integer wave : firstWrite.keySet()) {
            Integer previous = argoCdSpans.lowerKey(wave);
            if (previous != null) {
                ownMillis += Duration.between(argoCdSpans.get(previous)[1], firstWrite.get(wave)).toMillis();
            }
        }
        long millis = Duration.between(opStart, opEnd).toMillis();
        rows.add(String.format(Locale.ROOT, "| cluster sync of %s (%d apps in %d waves, dry run): duration / Argo CD's own (simulated) "
                + "time / fleet-ops' own time per wave | %d ms / %d ms / %.0f ms |", target, APPS / CLUSTERS, waves, millis, argoCdMillis,
                ownMillis / (double) waves));
        // The part of that pause the service itself spends, as it measures it (fleet.sync.wave.handover): from seeing a wave
        // done to the next wave's syncs written; the rest is the controller's write and its watch event reaching the service.
        String metrics = service.management().get("/q/metrics").then().statusCode(200).extract().asString();
        rows.add(String.format(Locale.ROOT, "| of which the service's handover (seeing a wave done → next wave's syncs written): mean / max "
                + "over %.0f waves | %.1f / %.1f ms |", metric(metrics, "fleet_sync_wave_handover_seconds_count"),
                1000 * metric(metrics, "fleet_sync_wave_handover_seconds_sum") / metric(metrics, "fleet_sync_wave_handover_seconds_count"),
                1000 * metric(metrics, "fleet_sync_wave_handover_seconds_max")));
    }

    /** The same list as users would get it otherwise: kubectl against the same API server, and a LIST through fabric8. */
    private void kubectlAndDirectList(HttpClient http, ServiceProcess service, String token, EmbeddedApiServer central) throws Exception {
        Path kubeconfig = Files.createTempFile("large-fleet", ".kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: central
                  cluster: {server: "%s", certificate-authority-data: "%s"}
                users:
                - name: bench
                  user: {token: bench-token}
                contexts:
                - name: central
                  context: {cluster: central, user: bench, namespace: argocd}
                current-context: central
                """.formatted(central.url(), central.caData()));
        Latencies.Result kubectl = Latencies.measure(1, 1, 3, () -> {
            // The embedded API server serves no discovery documents, which `kubectl get applications` needs first; --raw
            // makes the same LIST with kubectl's own client, without discovery and without re-encoding the answer.
            Process run = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "--raw",
                    "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications")
                    .redirectErrorStream(true).start();
            byte[] out = run.getInputStream().readAllBytes();
            if (run.waitFor() != 0 || out.length < APPS * 100L) {
                throw new IllegalStateException("kubectl: " + new String(out, 0, Math.min(out.length, 500), StandardCharsets.UTF_8));
            }
        });
        rows.add(row("`kubectl get --raw …/applications` (all " + APPS + "; kubectl has no filter by destination), 1 client", kubectl));
        KubernetesClient direct = central.client();
        rows.add(row("direct LIST of all Applications (fabric8), 1 client", Latencies.measure(1, 1, 3, () -> assertThat(direct
                .genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd").list().getItems()).hasSize(APPS))));
        // What one request costs the API server itself: the fabric8 mock looks objects up by scanning, so this grows with
        // the fleet where a real API server's would not; every write fleet-ops makes during a sync pays it.
        String one = String.format("component-00-%s", cluster(CLUSTERS / 2));
        rows.add(row("direct GET of one Application from the embedded API server (fabric8), 1 client", Latencies.measure(1, 5, 50,
                () -> assertThat(direct.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd")
                        .withName(one).get()).isNotNull())));
        // The whole fleet from fleet-ops as a client gets it: pages of the largest size it serves, each asked for with the
        // previous page's Continue-Token, as kubectl follows a list's continue.
        int largest = Math.min(APPS, 5_000);
        rows.add(row("fleet-ops `GET /api/v1/apps` (all " + APPS + ", pages of " + largest + " following Continue-Token), 1 client",
                Latencies.measure(1, 1, 3, () -> assertThat(everyPage(http, service, "/api/v1/apps?limit=" + largest, token)).isEqualTo(APPS))));
        Files.delete(kubeconfig);
    }

    private static String row(String what, Latencies.Result result) {
        return String.format(Locale.ROOT, "| %s: p50 / p99 / max over %d | %.1f / %.1f / %.1f ms |", what, result.requests(), result.p50(),
                result.p99(), result.max());
    }

    /** A sample's value in the Prometheus exposition: the line that starts with the name (no labels here). */
    private static double metric(String exposition, String name) {
        return exposition.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new IllegalStateException(name + " is not in the metrics"));
    }

    /** Follows a list's pages from {@code path} to the last; returns how many items they held. */
    private static int everyPage(HttpClient http, ServiceProcess service, String path, String token) throws IOException, InterruptedException {
        int items = 0;
        String next = path;
        while (next != null) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUri() + next))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + next + ": HTTP " + response.statusCode());
            }
            items += PAGE_READER.readTree(response.body()).size();
            String after = response.headers().firstValue("Continue-Token").orElse(null);
            next = after == null ? null : path + "&continue=" + java.net.URLEncoder.encode(after, StandardCharsets.UTF_8);
        }
        return items;
    }

    private static byte[] get(HttpClient http, ServiceProcess service, String path, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUri() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static String send(HttpClient http, ServiceProcess service, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUri() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
