package lab.miribit.fleetops.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * One embedded Kubernetes API server on loopback: fabric8's mock server in CRUD mode over TLS, with its
 * self-signed certificate offered as the CA, so clients verify it exactly as they would a real API server.
 */
public final class EmbeddedApiServer implements AutoCloseable {

    private final String name;
    private final KubernetesMockServer server;
    private NamespacedKubernetesClient adminClient;
    private final java.util.List<String> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String recordedToken;

    public EmbeddedApiServer(String name) {
        this.name = name;
        HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>> responses = new HashMap<>();
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses) {
                    @Override
                    public io.fabric8.mockwebserver.http.MockResponse dispatch(io.fabric8.mockwebserver.http.RecordedRequest request) {
                        String token = recordedToken;
                        if (token != null && ("Bearer " + token).equals(request.getHeader("Authorization"))) {
                            recorded.add(request.getMethod() + " " + request.getPath());
                        }
                        return super.dispatch(request);
                    }
                }, true);
    }

    public EmbeddedApiServer start() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        adminClient = server.createClient();
        return this;
    }

    public String name() {
        return name;
    }

    /** The URL clients use; "localhost" because that is the name the self-signed certificate is issued for. */
    public String url() {
        return "https://localhost:" + server.getPort();
    }

    /** The server certificate (its own CA) as base64 PEM, the form of a kubeconfig's or cluster Secret's {@code caData}. */
    public String caData() {
        try {
            String pem = Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()), StandardCharsets.US_ASCII);
            return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded API server's certificate", e);
        }
    }

    /** A client with full access, for seeding and for the simulated controllers. */
    public NamespacedKubernetesClient client() {
        return adminClient;
    }

    /**
     * From now on, keeps every request that presents {@code bearerToken} (one client among several), for
     * {@link #recordedRequests()}; unlike {@link #takeRequests()} nothing else drains it.
     */
    public void recordRequestsOf(String bearerToken) {
        recordedToken = bearerToken;
    }

    /** The requests kept since {@link #recordRequestsOf}, as {@code METHOD path}. */
    public java.util.List<String> recordedRequests() {
        return java.util.List.copyOf(recorded);
    }

    /**
     * The next {@code times} {@code method} requests to exactly {@code path} fail with a 500 Status, as an API
     * server behind a failing etcd answers; for tests of what fleet-ops does when a write is refused.
     */
    public void failNext(String method, String path, int times) {
        var expectation = switch (method) {
            case "POST" -> server.expect().post();
            case "PUT" -> server.expect().put();
            case "PATCH" -> server.expect().patch();
            case "DELETE" -> server.expect().delete();
            default -> server.expect().get();
        };
        expectation.withPath(path).andReturn(500, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(500)
                .withStatus("Failure").withReason("InternalError").withMessage("etcdserver: request timed out").build())
                .times(times);
    }

    /**
     * Takes the requests the server received since the last call, as {@code METHOD path}; lets a test prove
     * that a refused request never reached the API server.
     */
    public java.util.List<String> takeRequests() {
        java.util.List<String> taken = new java.util.ArrayList<>();
        try {
            io.fabric8.mockwebserver.http.RecordedRequest request;
            while ((request = server.takeRequest(1, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                taken.add(request.getMethod() + " " + request.getPath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken;
    }

    @Override
    public void close() {
        if (adminClient != null) {
            adminClient.close();
        }
        server.destroy();
    }
}
