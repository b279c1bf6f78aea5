package lab.miribit.fleetops.demo;

import java.net.InetAddress;
import java.util.HashMap;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * One embedded Kubernetes API server on loopback: fabric8's mock server in CRUD mode behind TLS with a certificate
 * its own CA issued for localhost and 127.0.0.1, that CA offered as {@code caData}: clients — fleet-ops, kubectl —
 * verify it exactly as they would a real API server's.
 */
public final class EmbeddedApiServer implements AutoCloseable {

    private final String name;
    private final KubernetesMockServer server;
    private final SchemaEnforcingDispatcher dispatcher;
    private final CertificateAuthority ca;
    private TlsFront tls;
    private NamespacedKubernetesClient adminClient;

    public EmbeddedApiServer(String name) {
        this.name = name;
        HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>> responses = new HashMap<>();
        this.dispatcher = new SchemaEnforcingDispatcher(responses);
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                dispatcher, false);
        this.ca = CertificateAuthority.create(name + "-ca");
    }

    public EmbeddedApiServer start() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        java.time.Instant now = java.time.Instant.now();
        // As kubeadm issues an API server's certificate: a year, the names clients use as subject alternative names.
        tls = new TlsFront(ca, ca.issue("CN=kube-apiserver", now.minusSeconds(3600), now.plus(365, java.time.temporal.ChronoUnit.DAYS),
                java.util.List.of("localhost", "127.0.0.1")), server.getPort());
        // The fixtures' own client talks to the store directly; everything else goes through TLS.
        adminClient = server.createClient();
        return this;
    }

    public String name() {
        return name;
    }

    /** The URL clients use. */
    public String url() {
        return "https://localhost:" + tls.port();
    }

    /** The server's CA as base64 PEM, the form of a kubeconfig's or cluster Secret's {@code caData}. */
    public String caData() {
        return ca.root().certificateData();
    }

    /**
     * Stores many objects at once for a benchmark fleet, each as a create into the namespaced collection of its kind
     * would; see {@link SchemaEnforcingDispatcher#preload} for why not one create at a time. Names must be new.
     *
     * @param plural the kind's collection, e.g. {@code applications}
     */
    public void preload(String plural, java.util.List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> resources) {
        for (io.fabric8.kubernetes.api.model.GenericKubernetesResource resource : resources) {
            String apiVersion = resource.getApiVersion();
            String collection = (apiVersion.contains("/") ? "/apis/" : "/api/") + apiVersion + "/namespaces/"
                    + resource.getMetadata().getNamespace() + "/" + plural;
            dispatcher.preload(collection, resource);
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
        dispatcher.recordRequestsOf(bearerToken);
    }

    /** The requests kept since {@link #recordRequestsOf}, as {@code METHOD path}. */
    public java.util.List<String> recordedRequests() {
        return dispatcher.recordedRequests();
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
        if (tls != null) {
            tls.close();
        }
        server.destroy();
    }
}
