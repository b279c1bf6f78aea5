package lab.miribit.fleetops.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * A small stand-in for Argo CD's application controller, for the demo and as the test fixture. It carries
 * out {@code operation} the way Argo CD does: {@code status.operationState} Running, then Succeeded or
 * Failed with a message; sync/health status and revision updated; a history entry appended for a
 * successful real sync (ids increase, {@code revisionHistoryLimit} kept, default 10); {@code operation}
 * cleared. A refresh annotation is consumed and {@code reconciledAt} updated.
 */
public final class ArgoCdSimulator implements AutoCloseable {

    /** What happens when an application is synced. */
    public enum Outcome {
        /** Sync succeeds; the application becomes Synced and Healthy. */
        HEALTHY,
        /** Sync succeeds, but the workload stays Degraded (e.g. crash-looping pods). */
        STAYS_DEGRADED,
        /** Sync succeeds, but the workload never becomes ready. */
        STAYS_PROGRESSING,
        /** Sync fails with a message. */
        FAILS
    }

    private static final Logger LOG = Logger.getLogger(ArgoCdSimulator.class);
    private static final ResourceDefinitionContext APPLICATIONS = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications")
            .withNamespaced(true).build();
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    private final KubernetesClient client;
    private final String namespace;
    private final Duration syncDuration;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> failureMessages = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "argocd-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private SharedIndexInformer<GenericKubernetesResource> informer;

    public ArgoCdSimulator(KubernetesClient client, String namespace, Duration syncDuration) {
        this.client = client;
        this.namespace = namespace;
        this.syncDuration = syncDuration;
    }

    /** Sets what a sync of {@code app} leads to from now on. */
    public void outcome(String app, Outcome outcome) {
        outcomes.put(app, outcome);
    }

    public void failWith(String app, String message) {
        outcomes.put(app, Outcome.FAILS);
        failureMessages.put(app, message);
    }

    /** Leaves operations on {@code app} untouched, as a busy or stopped controller would, until {@link #release}. */
    public void hold(String app) {
        held.add(app);
    }

    /** Resumes work on {@code app}, carrying out an operation that waited meanwhile. */
    public void release(String app) {
        held.remove(app);
        GenericKubernetesResource current = client.genericKubernetesResources(APPLICATIONS).inNamespace(namespace)
                .withName(app).get();
        if (current != null) {
            react(current);
        }
    }

    public ArgoCdSimulator start() {
        informer = client.genericKubernetesResources(APPLICATIONS).inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource app) {
                react(app);
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                react(after);
            }

            @Override
            public void onDelete(GenericKubernetesResource app, boolean finalStateUnknown) {
                inFlight.remove(app.getMetadata().getName());
            }
        }, 0);
        return this;
    }

    private void react(GenericKubernetesResource app) {
        String name = app.getMetadata().getName();
        if (held.contains(name)) {
            return;
        }
        if (app.getAdditionalProperties().get("operation") instanceof Map<?, ?> && inFlight.add(name)) {
            controller.execute(() -> begin(name));
        }
        Map<String, String> annotations = app.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey("argocd.argoproj.io/refresh")) {
            controller.schedule(() -> consumeRefresh(name), 200, TimeUnit.MILLISECONDS);
        }
    }

    @SuppressWarnings("unchecked")
    private void begin(String name) {
        Instant started = Instant.now();
        boolean running = update(name, app -> {
            Object operation = app.getAdditionalProperties().get("operation");
            if (!(operation instanceof Map<?, ?>)) {
                return null;
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("operation", operation);
            state.put("phase", "Running");
            state.put("message", "one or more tasks are running");
            state.put("startedAt", started.toString());
            status(app).put("operationState", state);
            return app;
        });
        if (!running) {
            inFlight.remove(name);
            return;
        }
        controller.schedule(() -> finish(name, started), syncDuration.toMillis(), TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    private void finish(String name, Instant started) {
        try {
            update(name, app -> {
                Map<String, Object> operation = (Map<String, Object>) app.getAdditionalProperties().get("operation");
                if (operation == null) {
                    return null;
                }
                Map<String, Object> sync = (Map<String, Object>) operation.getOrDefault("sync", Map.of());
                boolean dryRun = Boolean.TRUE.equals(sync.get("dryRun"));
                Map<String, Object> spec = (Map<String, Object>) app.getAdditionalProperties().get("spec");
                Map<String, Object> source = (Map<String, Object>) (sync.get("source") != null ? sync.get("source") : spec.get("source"));
                String revision = resolve(name, (String) sync.get("revision"), source);
                Outcome outcome = outcomes.getOrDefault(name, Outcome.HEALTHY);
                Map<String, Object> status = status(app);
                Map<String, Object> state = new LinkedHashMap<>((Map<String, Object>) status.get("operationState"));
                state.put("finishedAt", Instant.now().toString());
                state.put("syncResult", Map.of("revision", revision, "source", source));
                if (outcome == Outcome.FAILS) {
                    state.put("phase", "Failed");
                    state.put("message", failureMessages.getOrDefault(name, DemoFleetSeed.FAILING_MESSAGE));
                    status.put("sync", Map.of("status", "OutOfSync", "revision", revision));
                } else {
                    state.put("phase", "Succeeded");
                    state.put("message", dryRun ? "successfully synced (dry run)" : "successfully synced (all tasks run)");
                    if (!dryRun) {
                        status.put("sync", Map.of("status", "Synced", "revision", revision));
                        status.put("health", health(outcome));
                        markResourcesSynced(status, outcome);
                        appendHistory(status, spec, revision, source, started, operation);
                    }
                }
                status.put("operationState", state);
                status.put("reconciledAt", Instant.now().toString());
                app.getAdditionalProperties().remove("operation");
                return app;
            });
        } finally {
            inFlight.remove(name);
        }
    }

    private void consumeRefresh(String name) {
        update(name, app -> {
            Map<String, String> annotations = app.getMetadata().getAnnotations();
            if (annotations == null || !annotations.containsKey("argocd.argoproj.io/refresh")) {
                return null;
            }
            annotations.remove("argocd.argoproj.io/refresh");
            status(app).put("reconciledAt", Instant.now().toString());
            return app;
        });
    }

    /** Applies {@code change} with optimistic concurrency, retrying on conflict; false when there was nothing to do. */
    private boolean update(String name, UnaryOperator<GenericKubernetesResource> change) {
        for (int attempt = 0; attempt < 10; attempt++) {
            GenericKubernetesResource current = client.genericKubernetesResources(APPLICATIONS).inNamespace(namespace)
                    .withName(name).get();
            if (current == null) {
                return false;
            }
            GenericKubernetesResource changed = change.apply(current);
            if (changed == null) {
                return false;
            }
            try {
                client.genericKubernetesResources(APPLICATIONS).inNamespace(namespace).resource(changed).update();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    LOG.warnf("simulated Argo CD could not update %s: HTTP %d", name, e.getCode());
                    return false;
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource app) {
        return (Map<String, Object>) app.getAdditionalProperties().computeIfAbsent("status", k -> new LinkedHashMap<>());
    }

    private static Map<String, Object> health(Outcome outcome) {
        return switch (outcome) {
            case STAYS_DEGRADED -> Map.of("status", "Degraded", "message", "pods are crash-looping (CrashLoopBackOff)");
            case STAYS_PROGRESSING -> Map.of("status", "Progressing", "message", "Waiting for 1 pods to be ready");
            default -> Map.of("status", "Healthy");
        };
    }

    @SuppressWarnings("unchecked")
    private static void markResourcesSynced(Map<String, Object> status, Outcome outcome) {
        Object resources = status.get("resources");
        if (!(resources instanceof List<?> list)) {
            return;
        }
        List<Object> updated = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> resource = new LinkedHashMap<>((Map<String, Object>) item);
            resource.put("status", "Synced");
            resource.put("health", health(outcome));
            updated.add(resource);
        }
        status.put("resources", updated);
    }

    @SuppressWarnings("unchecked")
    private static void appendHistory(Map<String, Object> status, Map<String, Object> spec, String revision,
            Map<String, Object> source, Instant started, Map<String, Object> operation) {
        List<Object> history = new ArrayList<>(status.get("history") instanceof List<?> l ? l : List.of());
        long nextId = 0;
        for (Object entry : history) {
            Object id = ((Map<String, Object>) entry).get("id");
            if (id instanceof Number n) {
                nextId = Math.max(nextId, n.longValue());
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", nextId + 1);
        entry.put("revision", revision);
        entry.put("deployedAt", Instant.now().toString());
        entry.put("deployStartedAt", started.toString());
        entry.put("source", source);
        entry.put("initiatedBy", operation.getOrDefault("initiatedBy", Map.of()));
        history.add(entry);
        int limit = spec != null && spec.get("revisionHistoryLimit") instanceof Number n ? n.intValue() : 10;
        while (history.size() > limit) {
            history.remove(0);
        }
        status.put("history", history);
    }

    /** The commit a sync deploys: the SHA asked for, or a stable stand-in for what a branch or tag points at. */
    private static String resolve(String app, String requested, Map<String, Object> source) {
        String ref = requested != null ? requested : source == null ? "HEAD" : String.valueOf(source.get("targetRevision"));
        return SHA.matcher(ref).matches() ? ref : DemoFleetSeed.revision(ref + "@" + app);
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        controller.shutdownNow();
    }
}
