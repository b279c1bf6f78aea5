package lab.miribit.fleetops.argocd;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * The gateway to Argo CD through its resources on the central cluster. It writes an Application's
 * {@code operation} exactly as argocd-server's {@code SetAppOperation} does, and holds no business rules.
 */
@ApplicationScoped
public class ArgoCd {

    public static final String ANOTHER_OPERATION = "another operation is already in progress";
    static final ResourceDefinitionContext APPLICATIONS = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications")
            .withNamespaced(true).build();
    private static final Logger LOG = Logger.getLogger(ArgoCd.class);
    private static final int CONFLICT_RETRIES = 5;
    /** Writes a map's null values, which a merge patch needs to remove a field. */
    private static final com.fasterxml.jackson.databind.ObjectMapper MERGE_PATCH_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final KubernetesClient central;
    private final ApplicationCache cache;
    private final ProjectCache projects;
    private final Counter unansweredWrites;

    ArgoCd(KubernetesClient central, ApplicationCache cache, ProjectCache projects, MeterRegistry metrics) {
        this.unansweredWrites = Counter.builder("fleet.argocd.writes.unanswered")
                .description("Operations fleet-ops sent to the central API server that got no answer in time (they may still arrive)")
                .register(metrics);
        this.central = central;
        this.cache = cache;
        this.projects = projects;
    }

    /** What fleet-ops knows of a write it sent. */
    public enum Written {
        /** The API server took it. */
        CONFIRMED,
        /**
         * Sent, and no answer came within the client's timeout: a frozen API server or link may still deliver it and
         * Argo CD then run it, as it would for any client. The caller watches for it rather than reporting it lost.
         */
        UNANSWERED
    }

    /**
     * Sets {@code operation} on the application as argocd-server's {@code SetAppOperation} does
     * (util/argo/argo.go): refused when one is already set (Argo CD does not queue), and in the same update
     * {@code status.operationState} is cleared, so the controller starts this operation instead of resuming a stale
     * Running state. Written over the application as the cache holds it when it can be, else with the resource version
     * just read, retried when someone else wrote in between.
     */
    public Written startOperation(String app, Application.Operation operation) {
        return startOperation(app, cache.find(app).orElse(null), operation);
    }

    /**
     * The same, written in one request over {@code known} (the application as the caller judged it, from the cache) while
     * the API server still holds that version: a wave of syncs then costs one round trip per application, not two.
     */
    public Written startOperation(String app, Application known, Application.Operation operation) {
        Map<String, Object> value = central.getKubernetesSerialization().convertValue(operation, Map.class);
        if (known != null && known.getOperation() == null) {
            Written over = writtenOver(app, known, value);
            if (over != null) {
                return over;
            }
        }
        for (int attempt = 1;; attempt++) {
            GenericKubernetesResource current = call(() -> application(app).get());
            if (current == null) {
                throw new FleetProblem.NotFound("application '" + app + "' not found");
            }
            Object present = current.getAdditionalProperties().get("operation");
            if (value.equals(present)) {
                // Our own write got through although its answer did not (a retried request): done, not a conflict.
                return Written.CONFIRMED;
            }
            if (present != null) {
                throw new FleetProblem.Conflict(ANOTHER_OPERATION);
            }
            current.setAdditionalProperty("operation", value);
            if (current.getAdditionalProperties().get("status") instanceof Map<?, ?> status) {
                Map<String, Object> withoutState = new java.util.LinkedHashMap<>();
                status.forEach((key, v) -> withoutState.put(String.valueOf(key), v));
                withoutState.remove("operationState");
                current.setAdditionalProperty("status", withoutState);
            }
            try {
                central.genericKubernetesResources(APPLICATIONS).inNamespace(cache.namespace()).resource(current).update();
                return Written.CONFIRMED;
            } catch (KubernetesClientException e) {
                if (unanswered(e)) {
                    return Written.UNANSWERED;
                }
                if (e.getCode() != 409 || attempt == CONFLICT_RETRIES) {
                    throw translate(e);
                }
            }
        }
    }

    /**
     * A JSON merge patch that sets the operation (and clears the operation state {@code known} has) only on the version
     * {@code known} is: the API server takes a {@code metadata.resourceVersion} in a patch as a precondition and answers
     * 409 when the object changed since, as for an update (kubernetes/kubernetes#15420 tests it with kubectl patch). Null on
     * 409: the caller then reads the application afresh. The Application CRD has no status subresource, so the patch
     * reaches the status as argocd-server's update does.
     */
    private Written writtenOver(String app, Application known, Map<String, Object> value) {
        Map<String, Object> patch = new java.util.LinkedHashMap<>();
        patch.put("metadata", Map.of("resourceVersion", known.getMetadata().getResourceVersion()));
        patch.put("operation", value);
        if (known.getStatus() != null && known.getStatus().operationState() != null) {
            Map<String, Object> clearState = new java.util.HashMap<>();
            clearState.put("operationState", null);
            patch.put("status", clearState);
        }
        String body;
        try {
            body = MERGE_PATCH_JSON.writeValueAsString(patch);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            mergePatchInOneRequest(app, body);
            return Written.CONFIRMED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null;
            }
            if (unanswered(e)) {
                return Written.UNANSWERED;
            }
            throw translate(e);
        }
    }

    /** A write sent and not answered in time, which may have reached the API server: counted. */
    private boolean unanswered(KubernetesClientException e) {
        if (!ApiServerFailure.mayHaveArrived(e)) {
            return false;
        }
        unansweredWrites.increment();
        return true;
    }

    /** What became of withdrawing an operation fleet-ops wrote. */
    public enum Withdrawal {
        /** Removed before Argo CD ran it. */
        WITHDRAWN,
        /** Not there (never arrived, finished, or someone else's): nothing to withdraw. */
        ABSENT,
        /** The API server could not be asked or did not answer: the operation may be there, and run once it answers. */
        UNKNOWN
    }

    /**
     * Removes the {@code operation} fleet-ops set as {@code operationId}, if it is still there: a sync that gave up
     * (timed out, or waits for a sync window) must not deploy hours later. An operation someone else wrote, or one Argo CD
     * already finished, is left alone.
     */
    public Withdrawal withdrawOperation(String app, String operationId) {
        try {
            for (int attempt = 1;; attempt++) {
                GenericKubernetesResource current = application(app).get();
                if (current == null || !(current.getAdditionalProperties().get("operation") instanceof Map<?, ?> operation)
                        || !operationId.equals(infoOf(operation, ApplicationCache.OPERATION_INFO))) {
                    return Withdrawal.ABSENT;
                }
                current.getAdditionalProperties().remove("operation");
                try {
                    central.genericKubernetesResources(APPLICATIONS).inNamespace(cache.namespace()).resource(current).update();
                    return Withdrawal.WITHDRAWN;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409 || attempt == CONFLICT_RETRIES) {
                        throw e;
                    }
                }
            }
        } catch (KubernetesClientException e) {
            ApiServerFailure why = ApiServerFailure.of(e);
            if (why.kind() != ApiServerFailure.Kind.ANSWERED) {
                LOG.warnf("could not withdraw operation %s from application %s: the central cluster's Kubernetes API %s",
                        operationId, app, why.summary());
                return Withdrawal.UNKNOWN;
            }
            throw translate(e);
        }
    }

    private static String infoOf(Map<?, ?> operation, String name) {
        if (!(operation.get("info") instanceof java.util.List<?> infos)) {
            return null;
        }
        for (Object info : infos) {
            if (info instanceof Map<?, ?> entry && name.equals(entry.get("name"))) {
                return String.valueOf(entry.get("value"));
            }
        }
        return null;
    }

    /**
     * Argo CD's sync-window rule for this application now (types.go {@code SyncWindows.Matches(app).CanSync}):
     * argocd-server's refusal, or empty when the windows of its AppProject let the sync run. {@code manual}: a
     * sync a person (or fleet-ops for one) asked for, which windows with {@code manualSync} let through.
     */
    public java.util.Optional<String> syncWindowRefusal(Application app, boolean manual) {
        String projectName = app.getSpec() == null || app.getSpec().project() == null ? "default" : app.getSpec().project();
        AppProject project = projects.find(projectName).orElse(null);
        try {
            return SyncWindows.matching(project, app).canSync(manual, Instant.now()) ? java.util.Optional.empty()
                    : java.util.Optional.of(SyncWindows.BLOCKED);
        } catch (IllegalArgumentException invalid) {
            return java.util.Optional.of("cannot sync: invalid sync window: " + invalid.getMessage());
        }
    }

    /** Reads the application from the API server, past the informer cache: to check that a change took effect. */
    public java.util.Optional<Application> read(String app) {
        return java.util.Optional.ofNullable(call(() -> central.resources(Application.class).inNamespace(cache.namespace())
                .withName(app).get()));
    }

    /**
     * The application's deployment history, oldest first by id as Argo CD numbers its deployments, read from the API
     * server: the cache leaves it there ({@link Application.Status}). Empty when Argo CD has deployed nothing yet.
     */
    public java.util.List<Application.HistoryEntry> history(String app) {
        GenericKubernetesResource current = call(() -> application(app).get());
        if (current == null) {
            throw new FleetProblem.NotFound("application '" + app + "' not found", FleetProblem.Reason.of("app-not-found", app));
        }
        if (!(current.getAdditionalProperties().get("status") instanceof Map<?, ?> status) || status.get("history") == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(central.getKubernetesSerialization().convertValue(status.get("history"), Application.HistoryEntry[].class))
                .sorted(java.util.Comparator.comparing(h -> h.id() == null ? 0L : h.id())).toList();
    }

    /** Applies a JSON merge patch to the application. */
    void mergePatch(String app, String patch) {
        call(() -> mergePatchInOneRequest(app, patch));
    }

    /** Asks Argo CD to refresh (compare with Git again); the controller removes the annotation when done. */
    public void requestRefresh(String app, boolean hard) {
        String patch = "{\"metadata\":{\"annotations\":{\"" + Application.REFRESH_ANNOTATION + "\":\""
                + (hard ? "hard" : "normal") + "\"}}}";
        call(() -> mergePatchInOneRequest(app, patch));
    }

    /**
     * A JSON merge patch sent as the only request: fabric8's patch of a resource by name reads it from the server first
     * (HasMetadataOperation.patch, getItemOrRequireFromServer) only to take its name and namespace, which are known here.
     */
    private GenericKubernetesResource mergePatchInOneRequest(String app, String patch) {
        GenericKubernetesResource named = new GenericKubernetesResource();
        named.setApiVersion("argoproj.io/v1alpha1");
        named.setKind("Application");
        named.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(app).withNamespace(cache.namespace()).build());
        return central.genericKubernetesResources(APPLICATIONS).inNamespace(cache.namespace()).resource(named)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    /**
     * Records an action on the application as a Kubernetes Event, as Argo CD does for its own. An Event that
     * cannot be written is logged and does not undo or fail the action it describes.
     */
    public void recordEvent(String app, String reason, String message) {
        try {
            String now = Instant.now().toString();
            central.v1().events().inNamespace(cache.namespace()).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(app + "." + Long.toHexString(System.nanoTime()) + Integer.toHexString(ThreadLocalRandom.current().nextInt()))
                    .withNamespace(cache.namespace())
                    .endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("argoproj.io/v1alpha1")
                            .withKind("Application").withNamespace(cache.namespace()).withName(app).build())
                    .withReason(reason)
                    .withMessage(message)
                    .withType("Normal")
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withCount(1)
                    .withNewSource().withComponent("fleet-ops").endSource()
                    .withReportingComponent("fleet-ops")
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on application %s: the API server %s", reason, app, ApiServerFailure.of(e).summary());
        }
    }

    private Resource<GenericKubernetesResource> application(String app) {
        return central.genericKubernetesResources(APPLICATIONS).inNamespace(cache.namespace()).withName(app);
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw translate(e);
        }
    }

    static FleetProblem translate(KubernetesClientException e) {
        ApiServerFailure why = ApiServerFailure.of(e);
        return switch (why.kind()) {
            case TIMED_OUT -> new FleetProblem.Unavailable("the central cluster's Kubernetes API did not answer in time", 10);
            case ANSWERED -> switch (why.code()) {
                case 404 -> new FleetProblem.NotFound("application not found");
                case 409 -> new FleetProblem.Conflict("the application changed while it was being updated; try again");
                case 401, 403 -> new FleetProblem.Unavailable(
                        "fleet-ops is not allowed to change Argo CD applications (HTTP " + why.code() + ")", 60);
                default -> why.code() >= 500
                        ? new FleetProblem.Unavailable("the central cluster's Kubernetes API failed the request (HTTP "
                                + why.code() + ", after retries)", 10)
                        : new FleetProblem.Unavailable("the central cluster's Kubernetes API refused the request (HTTP "
                                + why.code() + ")", 10);
            };
            default -> new FleetProblem.Unavailable("the central cluster's Kubernetes API is not reachable", 10);
        };
    }
}
