package lab.miribit.fleetops.demo;

import static lab.miribit.fleetops.demo.ApplicationJson.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import lab.miribit.fleetops.argocd.AppProject;
import lab.miribit.fleetops.argocd.ArgoCdSettings;
import lab.miribit.fleetops.argocd.GoDuration;
import lab.miribit.fleetops.argocd.SyncWindows;

/**
 * A stand-in for Argo CD's application controller (argoproj/argo-cd v3.1.8), for the demo and as the test
 * fixture. Each behaviour follows the controller's code and names the upstream file it comes from; what a real
 * controller needs a repo server and the destination clusters for (rendering, diffing, applying) is modelled:
 * Git is a per-application revision that {@link #push} moves, and the live state is which revision each of the
 * application's resources was last applied at.
 */
public final class ArgoCdSimulator implements AutoCloseable {

    /** What happens to an application's workload when it is synced. */
    public enum Outcome {
        /** Sync succeeds; the workload becomes Healthy. */
        HEALTHY,
        /** Sync succeeds, but the workload stays Degraded (e.g. crash-looping pods). */
        STAYS_DEGRADED,
        /** Sync succeeds, but the workload never becomes ready. */
        STAYS_PROGRESSING,
        /** Sync fails with a message. */
        FAILS
    }

    /** How the controller reaches a destination cluster: its client, or empty when it is not one the simulator knows. */
    @FunctionalInterface
    public interface Destinations {
        Optional<KubernetesClient> client(String server, String name);
    }

    private static final Logger LOG = Logger.getLogger(ArgoCdSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceDefinitionContext APPLICATIONS = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications")
            .withNamespaced(true).build();
    private static final String REFRESH = "argocd.argoproj.io/refresh";
    private static final String HYDRATE = "argocd.argoproj.io/hydrate";
    /** gitops-engine's health order, best to worst (pkg/health/health.go, IsWorse). */
    private static final List<String> HEALTH_ORDER = List.of("Healthy", "Suspended", "Progressing", "Missing", "Degraded",
            "Unknown");
    private static final Duration BLOCKED_RECHECK = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final String namespace;
    private final Duration syncDuration;
    private final Destinations destinations;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> failureMessages = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final SimulatedGit git = new SimulatedGit();
    private final Map<String, LiveState> live = new ConcurrentHashMap<>();
    /** Whether each application's automated sync was on when last seen. */
    private final Map<String, Boolean> automated = new ConcurrentHashMap<>();
    private final ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "argocd-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;

    public ArgoCdSimulator(KubernetesClient client, String namespace, Duration syncDuration, Destinations destinations) {
        this.client = client;
        this.namespace = namespace;
        this.syncDuration = syncDuration;
        this.destinations = destinations;
    }

    public ArgoCdSimulator(KubernetesClient client, String namespace, Duration syncDuration) {
        this(client, namespace, syncDuration, (server, name) -> Optional.empty());
    }

    /** Sets what a sync of {@code app} leads to from now on. */
    public void outcome(String app, Outcome outcome) {
        outcomes.put(app, outcome);
    }

    public void failWith(String app, String message) {
        outcomes.put(app, Outcome.FAILS);
        failureMessages.put(app, message);
    }

    /** Leaves {@code app} untouched, as a busy or stopped controller would, until {@link #release}. */
    public void hold(String app) {
        held.add(app);
    }

    /** Resumes work on {@code app}, carrying out what waited meanwhile. */
    public void release(String app) {
        held.remove(app);
        controller.execute(() -> onChange(app));
    }

    /**
     * A commit to the application's target revision that changes its manifests: Git moves on, and, as with a real
     * controller, Argo CD notices at its next refresh (a webhook or fleet-ops asking), not before.
     *
     * @return the new commit
     */
    public String push(String app) {
        GenericKubernetesResource current = resource(app);
        return git.push(app, current == null ? NODES.objectNode() : sourcesOf(tree(current).path("spec")).get(0));
    }

    /** A resource of {@code app} that is in the cluster but no longer in Git: it requires pruning until a sync prunes it. */
    public void addLiveOnly(String app, String group, String kind, String namespace, String name) {
        controller.execute(() -> {
            LiveState state = live.get(app);
            if (state != null) {
                ObjectNode resource = resourceNode(group, kind, namespace, name);
                state.extras.put(key(resource), resource);
                reconcile(app);
            }
        });
    }

    public ArgoCdSimulator start() {
        // Listed in pages, as the controller's reflector does (client-go pager, 500 a page), not in one answer of the fleet.
        informer = client.genericKubernetesResources(APPLICATIONS).inNamespace(namespace).withLimit(500L).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource app) {
                controller.execute(() -> onChange(app.getMetadata().getName()));
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                controller.execute(() -> onChange(after.getMetadata().getName()));
            }

            @Override
            public void onDelete(GenericKubernetesResource app, boolean finalStateUnknown) {
                inFlight.remove(app.getMetadata().getName());
                live.remove(app.getMetadata().getName());
                automated.remove(app.getMetadata().getName());
            }
        }, 0);
        return this;
    }

    /**
     * Whether the controller has looked once at every application its informer holds, and done what that called for (an
     * application never compared gets its first comparison written to its status). Fifty thousand applications listed at
     * start are as many events for the controller: a benchmark measuring the fleet waits for this.
     */
    public boolean caughtUp() throws InterruptedException, java.util.concurrent.ExecutionException {
        SharedIndexInformer<GenericKubernetesResource> known = informer;
        if (known == null) {
            return false;
        }
        // Runs after everything queued so far, the first events included, on the controller's single thread.
        controller.submit(() -> { }).get();
        return automated.size() >= known.getStore().list().size();
    }

    /** What the controller's queues react to: an operation to run, a refresh asked for, a spec that moved. */
    private void onChange(String name) {
        if (held.contains(name)) {
            return;
        }
        // As the controller does (appcontroller.go: the app informer's indexer, GetByKey), from the informer's store, not a
        // read from the API server per event: tens of thousands of applications listed at start are as many events.
        SharedIndexInformer<GenericKubernetesResource> known = informer;
        GenericKubernetesResource resource = known == null ? resource(name) : known.getStore().getByKey(namespace + "/" + name);
        if (resource == null) {
            return;
        }
        ObjectNode app = tree(resource);
        liveOf(name, app);
        // controller/appcontroller.go processAppOperationQueueItem: only an app with .operation has one to run.
        if (app.path("operation").isObject() && inFlight.add(name)) {
            processOperation(name);
            return;
        }
        // controller/appcontroller.go needRefreshAppStatus: the refresh annotation, or a source/destination that
        // differs from what the last comparison used; and the informer's UpdateFunc compares with the latest when
        // automated sync was just switched on.
        boolean automatedNow = automatedEnabled(app);
        Boolean automatedBefore = automated.put(name, automatedNow);
        if (app.path("metadata").path("annotations").has(REFRESH) || specMoved(app)
                || (automatedNow && Boolean.FALSE.equals(automatedBefore))) {
            reconcile(name);
        }
    }

    private static boolean specMoved(ObjectNode app) {
        JsonNode comparedTo = app.path("status").path("sync").path("comparedTo");
        if (comparedTo.isMissingNode()) {
            return true;
        }
        JsonNode spec = app.path("spec");
        boolean multi = spec.path("sources").isArray() && !spec.path("sources").isEmpty();
        return !comparedTo.path("destination").equals(spec.path("destination"))
                || (multi ? !comparedTo.path("sources").equals(spec.path("sources"))
                        : !comparedTo.path("source").equals(spec.path("source")));
    }

    // ---- operations: controller/appcontroller.go processRequestedAppOperation, controller/sync.go SyncAppState ----

    private void processOperation(String name) {
        ObjectNode app = get(name);
        if (app == null || !app.path("operation").isObject()) {
            inFlight.remove(name);
            return;
        }
        JsonNode state = app.path("status").path("operationState");
        String phase = state.path("phase").asText("");
        if (state.isObject() && (phase.equals("Running") || phase.equals("Terminating"))) {
            // appcontroller.go: an operation still in progress is resumed as it is, whatever .operation now says.
            if (state.hasNonNull("finishedAt")) {
                // appcontroller.go: a failed attempt waiting for its retry; the wait uses the count already raised.
                Instant retryAt = RetryBackoff.nextRetryAt(Instant.parse(state.path("finishedAt").asText()), state.path("operation"),
                        state.path("retryCount").asLong());
                long wait = Duration.between(Instant.now(), retryAt).toMillis();
                if (wait > 0) {
                    controller.schedule(() -> processOperation(name), wait, TimeUnit.MILLISECONDS);
                    return;
                }
                update(name, current -> {
                    ObjectNode operationState = (ObjectNode) current.path("status").path("operationState");
                    operationState.remove("finishedAt");
                    operationState.remove("syncResult");
                    return true;
                });
            }
        } else {
            Instant started = Instant.now();
            // appcontroller.go: a new state {phase Running, operation, startedAt} is written before anything runs.
            boolean written = update(name, current -> {
                if (!current.path("operation").isObject()) {
                    return false;
                }
                ObjectNode operationState = NODES.objectNode();
                operationState.set("operation", current.get("operation").deepCopy());
                operationState.put("phase", "Running");
                operationState.put("message", "");
                operationState.put("startedAt", timestamp(started));
                status(current).set("operationState", operationState);
                return true;
            });
            if (!written) {
                inFlight.remove(name);
                return;
            }
        }
        controller.schedule(() -> runSync(name), syncDuration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSync(String name) {
        if (held.contains(name)) {
            inFlight.remove(name);
            return;
        }
        ObjectNode app = get(name);
        if (app == null || !app.path("operation").isObject()) {
            // Withdrawn before it ran: the controller only runs operations that are still set.
            inFlight.remove(name);
            return;
        }
        if (!(app.path("status").path("operationState") instanceof ObjectNode state)) {
            // The state this run was for is gone (fleet-ops set a new operation meanwhile): start over with it.
            inFlight.remove(name);
            controller.execute(() -> onChange(name));
            return;
        }
        JsonNode operation = state.path("operation");
        JsonNode sync = operation.path("sync");
        // controller/sync.go: manual unless the controller started it; the project's windows decide before anything runs.
        boolean manual = !operation.path("initiatedBy").path("automated").asBoolean(false);
        Optional<String> blocked = blockedByWindow(app, manual);
        if (blocked.isPresent()) {
            update(name, current -> {
                ObjectNode currentState = (ObjectNode) current.path("status").path("operationState");
                if (blocked.get().equals(currentState.path("message").asText())) {
                    return false;
                }
                currentState.put("message", blocked.get());
                return true;
            });
            controller.schedule(() -> runSync(name), BLOCKED_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        // controller/sync.go: sources come from the operation when it names them (a rollback), else from the spec.
        boolean fromOperation = sync.path("source").isObject() || (sync.path("sources").isArray() && !sync.path("sources").isEmpty());
        JsonNode specOrOperation = fromOperation ? sync : app.path("spec");
        List<JsonNode> sources = sourcesOf(specOrOperation);
        boolean multi = specOrOperation.path("sources").isArray() && !specOrOperation.path("sources").isEmpty();
        List<String> revisions = git.revisionsFor(name, sources, sync);
        Set<String> selected = selectedResources(sync.path("resources"));
        boolean dryRun = sync.path("dryRun").asBoolean(false);

        ObjectNode result = NODES.objectNode();
        result.put("revision", multi ? "" : revisions.get(0));
        if (multi) {
            result.set("revisions", array(revisions));
            result.set("sources", array(sources));
        } else {
            result.set("source", sources.isEmpty() ? NODES.objectNode() : sources.get(0).deepCopy());
        }
        Optional<Failure> failure = failure(name, app, sync, ref(sources.get(0)), fromOperation);
        result.set("resources", failure.isPresent() ? NODES.arrayNode()
                : liveOf(name, app).apply(String.join(",", revisions), selected, sync.path("prune").asBoolean(false), dryRun));
        boolean recordHistory = failure.isEmpty() && !dryRun && selected.isEmpty();
        finish(name, state, operation, result, failure, recordHistory ? new History(multi, revisions, sources) : null, dryRun);
    }

    /** Why an operation fails before anything is applied, in Argo CD's phase and words. */
    private record Failure(String phase, String message) {
    }

    /** What a successful, full, real sync adds to the history. */
    private record History(boolean multi, List<String> revisions, List<JsonNode> sources) {
    }

    private Optional<Failure> failure(String name, ObjectNode app, JsonNode sync, String targetRevision, boolean fromOperation) {
        // A render error is the target's: a rollback, or a sync to another revision, renders something else.
        boolean otherRevision = !sync.path("revision").asText("").isEmpty() && !sync.path("revision").asText().equals(targetRevision);
        JsonNode comparisonError = fromOperation || otherRevision ? null : comparisonError(app);
        if (comparisonError != null) {
            // controller/sync.go: ComparisonError or InvalidSpecError conditions end the operation in Error.
            return Optional.of(new Failure("Error", "ComparisonError: " + comparisonError.path("message").asText()));
        }
        if (outcomes.get(name) == Outcome.FAILS) {
            return Optional.of(new Failure("Failed", failureMessages.getOrDefault(name, DemoFleetSeed.FAILING_MESSAGE)));
        }
        if (sync.path("dryRun").asBoolean(false)) {
            return Optional.empty();
        }
        JsonNode destination = app.path("spec").path("destination");
        // gitops-engine sync_context.go: "one or more objects failed to apply, reason: <the API server's words>".
        return ensureNamespace(destination, destination.path("namespace").asText(""),
                strings(sync.path("syncOptions")).contains("CreateNamespace=true"))
                .map(reason -> new Failure("Failed", "one or more objects failed to apply, reason: " + reason));
    }

    /**
     * Ends an attempt as appcontroller.go does: a failure with retries left goes back to Running with Argo CD's
     * "Retrying attempt" message and is tried again after the backoff (this run keeps the operation); otherwise
     * the final state and {@code "operation": null} in one write, then the comparison that makes status fresh.
     */
    private void finish(String name, ObjectNode state, JsonNode operation, ObjectNode result, Optional<Failure> failure,
            History history, boolean dryRun) {
        long retryLimit = operation.path("retry").path("limit").asLong(0);
        long retryCount = state.path("retryCount").asLong(0);
        boolean retry = failure.isPresent() && (retryLimit < 0 || retryCount < retryLimit);
        String phase = retry ? "Running" : failure.map(Failure::phase).orElse("Succeeded");
        String message = failure.isEmpty() ? "successfully synced (all tasks run)"
                : retry ? failure.get().message() + " due to application controller sync timeout. Retrying attempt #" + (retryCount + 1)
                        + " at " + DateTimeFormatter.ofPattern("h:mma", Locale.ROOT).withZone(ZoneOffset.UTC)
                                .format(RetryBackoff.nextRetryAt(Instant.now(), operation, retryCount)) + "."
                        : retryCount > 0 ? failure.get().message() + " (retried " + retryCount + " times)." : failure.get().message();
        Instant finished = Instant.now();
        update(name, current -> {
            ObjectNode currentState = status(current).path("operationState") instanceof ObjectNode s ? s : NODES.objectNode();
            currentState.put("phase", phase);
            currentState.put("message", message);
            currentState.set("syncResult", result);
            currentState.put("finishedAt", timestamp(finished));
            if (retry) {
                currentState.put("retryCount", retryCount + 1);
            }
            status(current).set("operationState", currentState);
            if (history != null) {
                appendHistory(current, history.multi(), history.revisions(), history.sources(), currentState);
            }
            if (!retry) {
                current.remove("operation");
            }
            return true;
        });
        if (retry) {
            controller.schedule(() -> processOperation(name),
                    Duration.between(Instant.now(), RetryBackoff.nextRetryAt(finished, operation, retryCount + 1)).toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        inFlight.remove(name);
        if (!dryRun) {
            // appcontroller.go: after a real operation, a refresh with CompareWithLatestForceResolve; sync and
            // health are only fresh once that comparison has run (reconciledAt after finishedAt).
            controller.schedule(() -> reconcile(name), 50, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * controller/state.go persistRevisionHistory: id 0 for the first entry, then the last id + 1; multi-source
     * entries carry sources and revisions; trimmed to revisionHistoryLimit (default 10, keeping the newest).
     */
    private static void appendHistory(ObjectNode app, boolean multi, List<String> revisions, List<JsonNode> sources,
            ObjectNode operationState) {
        ArrayNode history = status(app).path("history") instanceof ArrayNode h ? h : NODES.arrayNode();
        long nextId = history.isEmpty() ? 0 : history.get(history.size() - 1).path("id").asLong() + 1;
        ObjectNode entry = NODES.objectNode();
        entry.put("id", nextId);
        entry.put("deployedAt", timestamp(Instant.now()));
        entry.put("deployStartedAt", operationState.path("startedAt").asText());
        if (multi) {
            entry.set("revisions", array(revisions));
            entry.set("sources", array(sources));
        } else {
            entry.put("revision", revisions.get(0));
            entry.set("source", sources.isEmpty() ? NODES.objectNode() : sources.get(0).deepCopy());
        }
        entry.set("initiatedBy", operationState.path("operation").path("initiatedBy").deepCopy());
        history.add(entry);
        int limit = app.path("spec").path("revisionHistoryLimit").asInt(10);
        while (history.size() > Math.max(limit, 0)) {
            history.remove(0);
        }
        status(app).set("history", history);
    }

    // ---- refresh: controller/appcontroller.go processAppRefreshQueueItem, controller/state.go CompareAppState ----

    private void reconcile(String name) {
        if (held.contains(name)) {
            return;
        }
        ObjectNode app = get(name);
        if (app == null) {
            return;
        }
        LiveState state = liveOf(name, app);
        List<JsonNode> sources = sourcesOf(app.path("spec"));
        boolean multi = app.path("spec").path("sources").isArray() && !app.path("spec").path("sources").isEmpty();
        List<String> desired = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            desired.add(git.head(name, sources.get(i), i));
        }
        String desiredRevision = String.join(",", desired);
        JsonNode comparisonError = comparisonError(app);
        boolean persistHealth = "true".equals(cmdParam(ArgoCdSettings.PERSIST_RESOURCE_HEALTH_KEY));
        String ownHealth = ownHealth(name, state);

        // state.go: every resource Git defines is Synced when live at the target revision, else OutOfSync; a
        // resource only in the cluster requires pruning and makes the app OutOfSync.
        ArrayNode resources = NODES.arrayNode();
        boolean allSynced = true;
        for (ObjectNode target : state.targets) {
            boolean childApp = isApplication(target);
            boolean synced = desiredRevision.equals(state.applied.get(key(target)));
            allSynced &= synced;
            ObjectNode resource = target.deepCopy();
            resource.put("status", comparisonError != null ? "Unknown" : synced ? "Synced" : "OutOfSync");
            String health = childApp ? childHealth(target.path("name").asText())
                    : state.applied.containsKey(key(target)) ? ownHealth : "Missing";
            // controller/health.go: per-resource health is kept in the Application only when persisted (3.x default: not).
            if (persistHealth && health != null) {
                resource.set("health", NODES.objectNode().put("status", health));
            }
            resources.add(resource);
        }
        for (ObjectNode extra : state.extras.values()) {
            allSynced = false;
            ObjectNode resource = extra.deepCopy();
            resource.put("status", "OutOfSync");
            resource.put("requiresPruning", true);
            resources.add(resource);
        }
        String syncStatus = comparisonError != null ? "Unknown" : allSynced ? "Synced" : "OutOfSync";
        String appHealth = applicationHealth(name, state, ownHealth);

        ObjectNode syncNode = NODES.objectNode();
        ObjectNode comparedTo = NODES.objectNode();
        comparedTo.set("destination", app.path("spec").path("destination").deepCopy());
        if (multi) {
            comparedTo.set("sources", app.path("spec").path("sources").deepCopy());
            syncNode.set("revisions", array(desired));
        } else {
            comparedTo.set("source", app.path("spec").path("source").deepCopy());
            syncNode.put("revision", desired.isEmpty() ? "" : desired.get(0));
        }
        syncNode.set("comparedTo", comparedTo);
        syncNode.put("status", syncStatus);

        // appcontroller.go: auto-sync is considered (windows permitting) before the status is persisted, so its
        // operation is already set when the refresh annotation disappears.
        Optional<ObjectNode> syncError = Optional.empty();
        if (!blockedByWindow(app, false).isPresent()) {
            AutomatedSyncDecision decision = AutomatedSyncDecision.decide(app, syncStatus, desired, resources);
            if (decision instanceof AutomatedSyncDecision.Start start) {
                startAutomatedSync(name, start.operation());
            } else if (decision instanceof AutomatedSyncDecision.Refuse refuse) {
                syncError = Optional.of(refuse.condition());
            }
        }
        String previousHealth = app.path("status").path("health").path("status").asText("");
        Optional<ObjectNode> condition = syncError;
        update(name, current -> {
            ObjectNode status = status(current);
            status.set("sync", syncNode);
            ObjectNode health = NODES.objectNode().put("status", appHealth);
            JsonNode before = status.path("health");
            if (appHealth.equals(before.path("status").asText()) && before.hasNonNull("lastTransitionTime")) {
                health.set("lastTransitionTime", before.get("lastTransitionTime"));
            } else {
                health.put("lastTransitionTime", timestamp(Instant.now()));
            }
            status.set("health", health);
            status.set("resources", resources);
            if (persistHealth) {
                status.remove("resourceHealthSource");
            } else {
                status.put("resourceHealthSource", "appTree");
            }
            status.put("reconciledAt", timestamp(Instant.now()));
            // appcontroller.go: a SyncError condition is replaced by auto-sync's own, or cleared.
            ArrayNode conditions = NODES.arrayNode();
            status.path("conditions").forEach(c -> {
                if (!"SyncError".equals(c.path("type").asText())) {
                    conditions.add(c);
                }
            });
            condition.ifPresent(conditions::add);
            status.set("conditions", conditions);
            // appcontroller.go persistAppStatus: the refresh (and hydrate) annotations go with the status patch.
            JsonNode annotations = current.path("metadata").path("annotations");
            if (annotations instanceof ObjectNode a) {
                a.remove(REFRESH);
                a.remove(HYDRATE);
            }
            return true;
        });
        if (!previousHealth.equals(appHealth)) {
            parentsOf(name).forEach(parent -> controller.execute(() -> reconcile(parent)));
        }
    }

    /** util/argo/argo.go SetAppOperation, as the controller's auto-sync calls it: refused while one is set. */
    private void startAutomatedSync(String name, ObjectNode operation) {
        update(name, current -> {
            if (current.path("operation").isObject()) {
                return false;
            }
            current.set("operation", operation);
            status(current).remove("operationState");
            return true;
        });
    }

    /** The workload's own health: Missing while any resource Git defines is absent, else what the outcome makes it. */
    private String ownHealth(String name, LiveState state) {
        boolean missing = state.targets.stream().filter(t -> !isApplication(t)).anyMatch(t -> !state.applied.containsKey(key(t)));
        if (missing) {
            return "Missing";
        }
        return switch (outcomes.getOrDefault(name, Outcome.HEALTHY)) {
            case STAYS_DEGRADED -> "Degraded";
            case STAYS_PROGRESSING -> "Progressing";
            default -> "Healthy";
        };
    }

    /**
     * controller/health.go setApplicationHealth: the worst resource health; a child Application only counts when
     * argocd-cm holds the Application health Lua (docs/operator-manual/health.md: Argo CD has no health check of
     * its own for it), and then its Missing or Unknown does not count; a resource with no health check (Missing
     * aside) is skipped.
     */
    private String applicationHealth(String name, LiveState state, String ownHealth) {
        String worst = "Healthy";
        boolean lua = argocdCm(ArgoCdSettings.APPLICATION_HEALTH_KEY) != null;
        for (ObjectNode target : state.targets) {
            String health;
            if (isApplication(target)) {
                if (!lua) {
                    continue;
                }
                health = childHealth(target.path("name").asText());
                if (health == null || health.equals("Missing") || health.equals("Unknown")) {
                    continue;
                }
            } else {
                health = state.applied.containsKey(key(target)) ? ownHealth : "Missing";
            }
            if (HEALTH_ORDER.indexOf(health) > HEALTH_ORDER.indexOf(worst)) {
                worst = health;
            }
        }
        return worst;
    }

    private String childHealth(String child) {
        GenericKubernetesResource resource = resource(child);
        return resource == null ? "Missing" : tree(resource).path("status").path("health").path("status").asText("Unknown");
    }

    private List<String> parentsOf(String child) {
        List<String> parents = new ArrayList<>();
        live.forEach((parent, state) -> {
            if (state.targets.stream().anyMatch(t -> isApplication(t) && child.equals(t.path("name").asText()))) {
                parents.add(parent);
            }
        });
        return parents;
    }

    // ---- the model's inputs ----

    /** The live side of an application, taken once from the status it was seeded or created with. */
    private LiveState liveOf(String name, JsonNode app) {
        return live.computeIfAbsent(name, n -> LiveState.fromStatus(n, app));
    }

    private Optional<String> blockedByWindow(ObjectNode app, boolean manual) {
        String project = app.path("spec").path("project").asText("default");
        AppProject appProject;
        try {
            appProject = client.resources(AppProject.class).inNamespace(namespace).withName(project).get();
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
        JsonNode destination = app.path("spec").path("destination");
        SyncWindows windows = SyncWindows.matching(appProject, app.path("metadata").path("name").asText(),
                destination.path("namespace").asText(null), destination.path("name").asText(null),
                destination.path("server").asText(null));
        try {
            return windows.canSync(manual, Instant.now()) ? Optional.empty() : Optional.of(SyncWindows.OPERATION_BLOCKED);
        } catch (IllegalArgumentException invalid) {
            return Optional.of(SyncWindows.OPERATION_BLOCKED + ": " + invalid.getMessage());
        }
    }

    /** The destination namespace exists, or is created when CreateNamespace=true; else the API server's refusal. */
    private Optional<String> ensureNamespace(JsonNode destination, String name, boolean create) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<KubernetesClient> cluster = destinations.client(destination.path("server").asText(null),
                destination.path("name").asText(null));
        if (cluster.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (cluster.get().namespaces().withName(name).get() != null) {
                return Optional.empty();
            }
            if (!create) {
                return Optional.of("namespaces \"" + name + "\" not found");
            }
            // controller/sync_namespace.go: CreateNamespace=true creates it (with managedNamespaceMetadata).
            cluster.get().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
            return Optional.empty();
        } catch (KubernetesClientException e) {
            return Optional.of("namespaces \"" + name + "\" could not be read or created: HTTP " + e.getCode());
        }
    }

    private String argocdCm(String key) {
        return configMapValue(ArgoCdSettings.ARGOCD_CM, key);
    }

    private String cmdParam(String key) {
        return configMapValue(ArgoCdSettings.CMD_PARAMS_CM, key);
    }

    private String configMapValue(String configMap, String key) {
        try {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(configMap).get();
            return map == null || map.getData() == null ? null : map.getData().get(key);
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    private GenericKubernetesResource resource(String name) {
        try {
            return client.genericKubernetesResources(APPLICATIONS).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            LOG.debugf("simulated Argo CD could not read %s: HTTP %d", name, e.getCode());
            return null;
        }
    }

    private ObjectNode get(String name) {
        GenericKubernetesResource resource = resource(name);
        return resource == null ? null : tree(resource);
    }

    private static ObjectNode tree(GenericKubernetesResource resource) {
        return JSON.valueToTree(resource);
    }

    /** Applies {@code change} with optimistic concurrency, retrying on conflict; false when there was nothing to do. */
    private boolean update(String name, Predicate<ObjectNode> change) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ObjectNode current = get(name);
            if (current == null || !change.test(current)) {
                return false;
            }
            try {
                client.genericKubernetesResources(APPLICATIONS).inNamespace(namespace)
                        .resource(JSON.treeToValue(current, GenericKubernetesResource.class)).update();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    LOG.warnf("simulated Argo CD could not update %s: HTTP %d %s", name, e.getCode(), e.getMessage());
                    return false;
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("an Application read from the API server is always convertible", e);
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        controller.shutdownNow();
    }
}
