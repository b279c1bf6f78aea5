package lab.miribit.fleetops.argocd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import lab.miribit.fleetops.fleet.FleetConfig;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Every Application of the Argo CD namespace, held by an informer: list and get never reach the API server,
 * and waiting code wakes up on each change instead of polling it.
 */
@ApplicationScoped
public class ApplicationCache {

    private static final Logger LOG = Logger.getLogger(ApplicationCache.class);
    /** Applications per page of the informer's list: client-go's reflector pages by 500 too. */
    private static final long LIST_PAGE = 500;

    /** The {@code operation.info} entry that ties Argo CD's operation state back to the fleet-ops operation. */
    public static final String OPERATION_INFO = "fleet-ops-operation";

    private final KubernetesClient central;
    private final String namespace;
    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.atomic.AtomicReference<Instant> failureLogged = new java.util.concurrent.atomic.AtomicReference<>();
    private final Condition changed = lock.newCondition();
    private SharedIndexInformer<Application> informer;
    private volatile long generation;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    /** The applications sorted by name, rebuilt lazily after a change so that reads share one sorted list. */
    private record Snapshot(long generation, List<Application> sorted) {
    }

    ApplicationCache(KubernetesClient central, FleetConfig config) {
        this.central = central;
        this.namespace = config.argocd().namespace();
    }

    void start(@Observes StartupEvent event) {
        // Listed in pages, as Argo CD's own controller (client-go's reflector) lists: tens of thousands of Applications are
        // hundreds of megabytes in one answer, which an API server builds, and a client parses, all at once otherwise.
        informer = central.resources(Application.class).inNamespace(namespace).withLimit(LIST_PAGE).runnableInformer(0);
        informer.exceptionHandler((started, failure) -> {
            // Not ready until the list succeeds, and readiness says so; the log says why, once a minute at most.
            if (failureLogged.get() == null || failureLogged.get().isBefore(Instant.now().minusSeconds(60))) {
                failureLogged.set(Instant.now());
                LOG.warnf("cannot list or watch Applications (retrying): %s", lab.miribit.fleetops.fleet.ApiServerFailure.of(failure).summary());
            } else {
                LOG.debugf("Application informer: %s", failure.toString());
            }
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Application app) {
                signal();
            }

            @Override
            public void onUpdate(Application before, Application after) {
                signal();
            }

            @Override
            public void onDelete(Application app, boolean finalStateUnknown) {
                signal();
            }
        });
        informer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    public boolean synced() {
        return informer != null && informer.hasSynced();
    }

    public String namespace() {
        return namespace;
    }

    /** All applications, sorted by name. */
    public List<Application> list() {
        Snapshot current = snapshot;
        long now = generation;
        if (current.generation() != now) {
            List<Application> sorted = new ArrayList<>(informer.getStore().list());
            sorted.sort(Comparator.comparing(a -> a.getMetadata().getName()));
            current = new Snapshot(now, List.copyOf(sorted));
            snapshot = current;
        }
        return current.sorted();
    }

    /** Refuses to answer from a cache that has never been filled: an empty list would be a lie. */
    public void requireSynced() {
        if (!synced()) {
            throw new FleetProblem.Unavailable("the central cluster's Kubernetes API is not reachable", 10);
        }
    }

    /** The application, or a 404-style problem; 503-style while the cache has not been filled. */
    public Application require(String name) {
        requireSynced();
        return find(name).orElseThrow(() -> new FleetProblem.NotFound("application '" + name + "' not found",
                FleetProblem.Reason.of("app-not-found", name)));
    }

    /**
     * Argo CD's state of the operation fleet-ops started as {@code operationId} on {@code app} (matched by the
     * {@code operation.info} entry Argo CD copies into its operation state), or null before Argo CD took it up.
     */
    public Application.OperationState operationState(String app, String operationId) {
        Application current = find(app).orElse(null);
        Application.Status status = current == null ? null : current.getStatus();
        if (status == null || status.operationState() == null || status.operationState().operation() == null) {
            return null;
        }
        Application.OperationState state = status.operationState();
        return operationId.equals(state.operation().info(OPERATION_INFO)) ? state : null;
    }

    public Optional<Application> find(String name) {
        return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }

    /**
     * Waits until {@code condition} holds, looking again at every change of the cache instead of polling, for at
     * most {@code timeout}; false when the time ran out. The condition may throw to give up early.
     */
    public boolean awaitUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            long seen = generation;
            if (condition.getAsBoolean()) {
                return true;
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            lock.lock();
            try {
                if (generation == seen) {
                    // The cap only bounds how late the deadline is noticed; changes wake the wait at once.
                    changed.await(Math.min(left.toMillis(), 1000), TimeUnit.MILLISECONDS);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Increases with every change of the applications, so that views derived from them know when to recompute. */
    public long generation() {
        return generation;
    }

    private void signal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
