package lab.miribit.fleetops.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Probes every cluster's API server ({@code /version}) in parallel, each bounded by its own timeout, so a
 * dead or hanging cluster marks only itself Failed and never delays the answer for the others. A probe is an
 * asynchronous request on the shared Vert.x event loops: a thousand clusters, a hundred of them dead, hold no thread
 * each while they answer or time out.
 */
@ApplicationScoped
public class ConnectionMonitor {

    private static final Logger LOG = Logger.getLogger(ConnectionMonitor.class);

    private final Fleet fleet;
    private final ClusterClients clients;
    private final Duration edgeBudget;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Starts a probe round when the fleet changed; the probes themselves run on the event loops. */
    private final ExecutorService probes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final MultiGauge connectionGauge;
    private final java.util.concurrent.atomic.AtomicBoolean probeQueued = new java.util.concurrent.atomic.AtomicBoolean();

    ConnectionMonitor(Fleet fleet, ClusterClients clients, FleetConfig config, MeterRegistry registry) {
        this.fleet = fleet;
        this.clients = clients;
        // Connect and answer each have their own timeout in the client; the budget is their sum plus slack.
        this.edgeBudget = config.clusters().connectTimeout().plus(config.clusters().requestTimeout()).plusMillis(500);
        this.connectionGauge = MultiGauge.builder("fleet.cluster.connection")
                .description("1 for the cluster's current connection state (Successful, Failed, Unknown)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        // A burst of Secret events (e.g. the initial list) asks for one probe round, not one per Secret.
        fleet.onChange(() -> {
            if (probeQueued.compareAndSet(false, true)) {
                probes.submit(() -> {
                    probeQueued.set(false);
                    probeAll();
                });
            }
        });
    }

    public Connection connection(String cluster) {
        return connections.getOrDefault(cluster, Connection.unknown());
    }

    @Scheduled(every = "${fleet.clusters.probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledProbe() {
        probeAll();
    }

    /** Probes all clusters at once and returns when each has answered or run out of time. */
    public void probeAll() {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Cluster cluster : fleet.clusters()) {
            running.add(probeAsync(cluster));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        forgetRemoved();
        publishMetrics();
    }

    /** Probes one cluster now (bounded like every probe), records and returns the result. */
    public Connection probe(Cluster cluster) {
        probeAsync(cluster).join();
        return connection(cluster.name());
    }

    private CompletableFuture<Void> probeAsync(Cluster cluster) {
        CompletableFuture<Connection> answer;
        try {
            KubernetesClient client = clients.forCluster(cluster);
            HttpClient http = client.getHttpClient();
            String version = client.getMasterUrl().toString().replaceAll("/+$", "") + "/version";
            answer = http.sendAsync(http.newHttpRequestBuilder().uri(version).build(), String.class).thenApply(response -> {
                if (response.code() != 200) {
                    // Classified like any other answer of an API server (ApiServerFailure): "answered HTTP n".
                    throw new KubernetesClientException("GET /version answered " + response.code(), response.code(), null);
                }
                return new Connection(Connection.State.Successful, "API server answered", Instant.now());
            });
        } catch (RuntimeException unusable) {
            answer = CompletableFuture.failedFuture(unusable);
        }
        CompletableFuture<Connection> bounded = answer.orTimeout(budget(cluster).toMillis(), TimeUnit.MILLISECONDS);
        return bounded.exceptionally(failure -> new Connection(Connection.State.Failed, describe(failure), Instant.now()))
                .thenAccept(connection -> record(cluster, connection));
    }

    /**
     * How long a probe may take: the client's own connect and answer timeouts, plus slack. The central cluster's client
     * is the service's own, with its own timeouts; an asynchronous request has no caller blocked on them, so the probe
     * bounds itself.
     */
    private Duration budget(Cluster cluster) {
        if (!cluster.inCluster()) {
            return edgeBudget;
        }
        io.fabric8.kubernetes.client.Config own = clients.central().getConfiguration();
        return Duration.ofMillis(Math.max(0, own.getConnectionTimeout()) + Math.max(0, own.getRequestTimeout()) + 500L);
    }

    private void record(Cluster cluster, Connection connection) {
        Connection previous = connections.put(cluster.name(), connection);
        if (previous == null || previous.state() != connection.state()) {
            LOG.infof("cluster %s connection %s: %s", cluster.name(), connection.state(), connection.message());
        }
    }

    /** A user-safe reason: the kind of failure, never the transport's own message (it may quote URLs or headers). */
    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof FleetProblem problem) {
            return problem.getMessage();
        }
        ApiServerFailure why = ApiServerFailure.of(cause);
        return switch (why.kind()) {
            case TIMED_OUT -> "no answer within " + edgeBudget.toMillis() / 1000.0 + " s";
            case TLS -> "TLS handshake failed (certificate not trusted, or client certificate refused)";
            case CONNECTION_REFUSED -> "connection refused";
            case UNKNOWN_HOST -> "host name does not resolve";
            case ANSWERED -> "API server answered HTTP " + why.code();
            case UNREACHABLE -> "API server not reachable (" + cause.getClass().getSimpleName() + ")";
        };
    }

    private void forgetRemoved() {
        connections.keySet().removeIf(name -> fleet.find(name).isEmpty());
    }

    private synchronized void publishMetrics() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Cluster cluster : fleet.clusters()) {
            Connection.State current = connection(cluster.name()).state();
            for (Connection.State state : Connection.State.values()) {
                rows.add(MultiGauge.Row.of(Tags.of("cluster", cluster.name(), "role", cluster.role().label(),
                        "state", state.name()), state == current ? 1 : 0));
            }
        }
        connectionGauge.register(rows, true);
    }

    @PreDestroy
    void stop() {
        probes.shutdownNow();
    }
}
