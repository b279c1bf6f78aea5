package lab.miribit.fleetops.bootstrap;

import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.CertificateAuthority;
import lab.miribit.fleetops.testing.BootstrapFleetResource;
import lab.miribit.fleetops.testing.BootstrapProfile;
import lab.miribit.fleetops.testing.InjectBootstrapFleet;
import lab.miribit.fleetops.testing.Tokens;

/** {@code POST /clusters}: the way {@code argocd cluster add} registers a cluster, and every way to get it wrong. */
@QuarkusTest
@TestProfile(BootstrapProfile.class)
class ClusterRegistrationTest {

    private static final String TOKEN_USER = "    token: edge-admin-token\n";

    @InjectBootstrapFleet
    BootstrapFleetResource.Fleet fleet;

    @Test
    void anEdgeIsRegisteredWithItsOwnServiceAccountTokenAndReRegisteringUpdatesInPlace() throws Exception {
        JsonPath done = register("cluster-07", fleet.edgeKubeconfig());
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getString("message")).contains("registered cluster-07 (" + fleet.edge().url() + ")");

        Secret token = fleet.edge().client().secrets().inNamespace("kube-system").withName("argocd-manager-long-lived-token").get();
        assertThat(token.getType()).isEqualTo("kubernetes.io/service-account-token");
        assertThat(token.getMetadata().getAnnotations()).containsEntry("kubernetes.io/service-account.name", "argocd-manager");
        assertThat(fleet.edge().client().rbac().clusterRoles().withName("argocd-manager-role").get().getRules())
                .anySatisfy(rule -> assertThat(rule.getNonResourceURLs()).containsExactly("*"));
        Map<?, ?> config = clusterConfig("cluster-07");
        assertThat(config.get("bearerToken")).isEqualTo(decoded(token, "token"));
        assertThat(((Map<?, ?>) config.get("tlsClientConfig")).get("caData")).isEqualTo(fleet.edge().caData());
        assertThat(((Map<?, ?>) config.get("tlsClientConfig")).get("insecure")).isEqualTo(false);
        Secret secret = clusterSecret("cluster-07");
        assertThat(secret.getMetadata().getLabels()).containsEntry("argocd.argoproj.io/secret-type", "cluster")
                .containsEntry("fleet-ops.miribit.lab/role", "edge");
        String version = secret.getMetadata().getResourceVersion();

        // Again: the same Secret, updated, and the kubeconfig's own token nowhere.
        assertThat(register("cluster-07", fleet.edgeKubeconfig()).getString("state")).isEqualTo("succeeded");
        assertThat(clusterSecret("cluster-07").getMetadata().getResourceVersion()).isNotEqualTo(version);
        assertThat(fleet.central().client().secrets().inNamespace("argocd").list().getItems().stream()
                .filter(s -> s.getMetadata().getName().equals("cluster-cluster-07"))).hasSize(1);
        // Only the operator's own kubeconfig Secret (bootstrap's input, in fleet-ops' namespace) holds that token.
        assertThat(fleet.central().client().secrets().inNamespace("argocd").list().getItems().toString()).doesNotContain("edge-admin-token");
        assertThat(io.restassured.RestAssured.given().auth().oauth2(Tokens.admin()).get("/api/v1/audit?limit=5000").asString())
                .doesNotContain("edge-admin-token");
    }

    @Test
    void badKubeconfigsAndUnreachableOrRedirectingServersAreRefusedBeforeAnythingIsWritten() throws Exception {
        fleet.edge().takeRequests();
        String ca = fleet.edge().caData();
        refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig("http://127.0.0.1:6443", null, TOKEN_USER), 400, "must be an https:// URL");
        refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig(fleet.edge().url(), null, TOKEN_USER)
                .replace("    server:", "    insecure-skip-tls-verify: true\n    server:"), 400, "skips TLS verification");
        refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig(fleet.edge().url(), ca, "    username: admin\n"), 400,
                "no usable credentials");
        refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig(fleet.edge().url(), ca,
                "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/steal-things\n"), 400,
                "through a plugin");
        refused("cluster-08", "not: [a kubeconfig", 400, "not a valid kubeconfig");
        refused("Cluster_8", fleet.edgeKubeconfig(), 400, "invalid cluster name");
        refused("cluster-01", fleet.edgeKubeconfig(), 409, "central cluster");
        // The edge's address with another CA: the handshake fails, as it would for Argo CD.
        refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig(fleet.edge().url(), fleet.central().caData(), TOKEN_USER), 400,
                "TLS handshake");
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig("https://localhost:" + closed, ca, TOKEN_USER), 503, "unreachable");
        // SSRF: the cloud metadata address is refused without a request to it.
        refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig("https://169.254.169.254", ca, TOKEN_USER), 400, "link-local");
        refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig("https://[fe80::1]:6443", ca, TOKEN_USER), 400, "link-local");
        try (Redirecting redirecting = new Redirecting()) {
            refused("cluster-08", BootstrapFleetResource.Fleet.kubeconfig(redirecting.url(), redirecting.caData(), TOKEN_USER), 400,
                    "redirects (302 to https://rancher.example/k8s/clusters/c-m-1)");
        }
        json(Tokens.operator(), body("cluster-08", fleet.edgeKubeconfig())).post("/api/v1/clusters").then().statusCode(403);

        assertThat(fleet.edge().takeRequests()).noneMatch(request -> !request.startsWith("GET "));
        assertThat(fleet.central().client().secrets().inNamespace("argocd").withName("cluster-cluster-08").get()).isNull();
    }

    private JsonPath register(String name, String kubeconfig) {
        String id = json(Tokens.admin(), body(name, kubeconfig)).post("/api/v1/clusters").then().statusCode(202).extract().path("id");
        return awaitFinished(Tokens.admin(), id);
    }

    private static void refused(String name, String kubeconfig, int status, String why) {
        String answer = json(Tokens.admin(), body(name, kubeconfig)).post("/api/v1/clusters").then().statusCode(status)
                .contentType("application/problem+json").body("detail", containsString(why)).extract().asString();
        assertThat(answer).doesNotContain("edge-admin-token");
    }

    private static String body(String name, String kubeconfig) {
        try {
            return new ObjectMapper().writeValueAsString(Map.of("name", name, "kubeconfig", kubeconfig));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Secret clusterSecret(String name) {
        return fleet.central().client().secrets().inNamespace("argocd").withName("cluster-" + name).get();
    }

    private Map<?, ?> clusterConfig(String name) throws IOException {
        return new ObjectMapper().readValue(decoded(clusterSecret(name), "config"), Map.class);
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    /** An HTTPS server with a certificate for localhost that sends every request elsewhere, like a proxy's login page. */
    private static final class Redirecting implements AutoCloseable {
        private final HttpsServer server;
        private final CertificateAuthority ca = CertificateAuthority.create("redirect-test");

        Redirecting() throws Exception {
            CertificateAuthority.Issued certificate = ca.issue("CN=localhost", Instant.now().minus(1, ChronoUnit.DAYS),
                    Instant.now().plus(1, ChronoUnit.DAYS), List.of("localhost"));
            SSLContext context = ca.serverContext(certificate);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Location", "https://rancher.example/k8s/clusters/c-m-1");
                exchange.sendResponseHeaders(302, -1);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.flush();
                }
            });
            server.start();
        }

        String url() {
            return "https://localhost:" + server.getAddress().getPort();
        }

        String caData() {
            return ca.root().certificateData();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
