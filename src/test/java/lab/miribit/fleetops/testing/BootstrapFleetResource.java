package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import lab.miribit.fleetops.demo.EmbeddedApiServer;

/**
 * A fresh central cluster (nothing installed) and one empty edge, both embedded API servers over TLS; the
 * {@link ClusterSimulator} doing what their controllers would; a loopback server for Argo CD's install
 * manifests; and the edge's kubeconfig in a Secret, as an operator would store it for bootstrap.
 */
public class BootstrapFleetResource implements QuarkusTestResourceLifecycleManager {

    /** Everything the bootstrap tests reach. */
    public record Fleet(EmbeddedApiServer central, EmbeddedApiServer edge, ClusterSimulator simulator, ManifestServer manifests) {

        /** A flattened kubeconfig of the edge, with a token, as {@code kubectl config view --flatten --minify} prints it. */
        public String edgeKubeconfig() {
            return kubeconfig(edge.url(), edge.caData(), "    token: edge-admin-token\n");
        }

        public static String kubeconfig(String server, String caData, String user) {
            return "apiVersion: v1\nkind: Config\ncurrent-context: admin@edge\n"
                    + "clusters:\n- name: edge\n  cluster:\n    server: " + server + "\n"
                    + (caData == null ? "" : "    certificate-authority-data: " + caData + "\n")
                    + "contexts:\n- name: admin@edge\n  context:\n    cluster: edge\n    user: admin\n"
                    + "users:\n- name: admin\n  user:\n" + user;
        }
    }

    /** Serves the test's install manifests; can be made to fail. */
    public static final class ManifestServer implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger failures = new AtomicInteger();

        ManifestServer() throws IOException {
            byte[] manifests;
            try (InputStream in = BootstrapFleetResource.class.getClassLoader().getResourceAsStream("bootstrap/argocd-install.yaml")) {
                manifests = in.readAllBytes();
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/argo-cd/install.yaml", exchange -> {
                boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                byte[] body = fail ? "upstream unavailable".getBytes(StandardCharsets.UTF_8) : manifests;
                exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/argo-cd/install.yaml";
        }

        public void failNext(int times) {
            failures.set(times);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private Fleet fleet;

    @Override
    public Map<String, String> start() {
        EmbeddedApiServer central = new EmbeddedApiServer("cluster-01").start();
        EmbeddedApiServer edge = new EmbeddedApiServer("cluster-02").start();
        ManifestServer manifests;
        try {
            manifests = new ManifestServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fleet = new Fleet(central, edge, new ClusterSimulator(central.client(), List.of(edge.client())), manifests);
        central.client().secrets().inNamespace("fleet-ops").resource(new SecretBuilder().withNewMetadata()
                .withName("cluster-02-kubeconfig").withNamespace("fleet-ops").endMetadata()
                .addToStringData("kubeconfig", fleet.edgeKubeconfig()).build()).create();
        Map<String, String> config = new CentralClientConfig(central.url(), central.caData(), "fleet-ops").properties();
        config.put("fleet.bootstrap.apply", "update");
        config.put("fleet.bootstrap.poll-interval", "50ms");
        config.put("fleet.bootstrap.ready-timeout", "3s");
        config.put("fleet.bootstrap.gitlab.ready-timeout", "3s");
        config.put("fleet.bootstrap.argocd.manifests", manifests.url());
        config.put("fleet.bootstrap.clusters.\"cluster-02\".kubeconfig-secret", "cluster-02-kubeconfig");
        config.put("fleet.clusters.probe-interval", "1h");
        config.put("fleet.drift.interval", "1h");
        config.put("fleet.leader-election.enabled", "false");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fleet, new TestInjector.AnnotatedAndMatchesType(InjectBootstrapFleet.class, Fleet.class));
    }

    @Override
    public void stop() {
        if (fleet != null) {
            fleet.simulator().close();
            fleet.manifests().close();
            fleet.edge().close();
            fleet.central().close();
        }
    }
}
