package lab.miribit.fleetops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * {@code GET /api/v1/apps} served from the informer cache versus a direct LIST of the Applications per request,
 * 5 000 Applications over 100 clusters, 8 concurrent clients. Run with {@code ./mvnw verify -Pbenchmark};
 * results are printed and written to {@code target/benchmarks/apps-list.md} for BENCHMARKS.md.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(AppsListBenchmark.LargeFleet.class)
class AppsListBenchmark {

    private static final int CLIENTS = 8;

    public static class LargeFleet implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LargeFleetResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    @TestSecurity(user = "bench", roles = "fleet-viewer")
    void listFromCacheVersusDirectList() throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();
        URI all = URI.create("http://localhost:" + port + "/api/v1/apps?limit=5000");
        URI oneCluster = URI.create("http://localhost:" + port + "/api/v1/apps?cluster=cluster-042");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> get(http, all).body().length > 1_000_000);
        int allBytes = get(http, all).body().length;
        assertThat(get(http, oneCluster).statusCode()).isEqualTo(200);

        List<String> rows = new ArrayList<>();
        rows.add(Latencies.measure(CLIENTS, 200, 1600, () -> check(get(http, all)))
                .row("GET /api/v1/apps?limit=5000 (5 000 apps, " + allBytes / 1024 + " KiB)"));
        URI firstPage = URI.create("http://localhost:" + port + "/api/v1/apps");
        int pageBytes = get(http, firstPage).body().length;
        rows.add(Latencies.measure(CLIENTS, 200, 4000, () -> check(get(http, firstPage)))
                .row("GET /api/v1/apps (default page: 500 apps, " + pageBytes / 1024 + " KiB)"));
        rows.add(Latencies.measure(CLIENTS, 200, 4000, () -> check(get(http, oneCluster))).row("GET /api/v1/apps?cluster=cluster-042 (50 apps)"));
        KubernetesClient direct = LargeFleetResource.central.client();
        rows.add(Latencies.measure(CLIENTS, 8, 160, () -> {
            GenericKubernetesResourceList list = direct.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                    .inNamespace("argocd").list();
            assertThat(list.getItems()).hasSize(LargeFleetResource.CLUSTERS * LargeFleetResource.APPS_PER_CLUSTER);
        }).row("direct LIST of all Applications from the API server"));

        String report = String.join("\n", List.of(
                "| request, " + CLIENTS + " concurrent clients | requests | p50 ms | p99 ms | max ms |",
                "| --- | ---: | ---: | ---: | ---: |")) + "\n" + String.join("\n", rows) + "\n";
        System.out.println("\n" + report);
        Path out = Path.of("target", "benchmarks", "apps-list.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static HttpResponse<byte[]> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void check(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
    }
}
