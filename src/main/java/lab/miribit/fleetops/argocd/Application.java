package lab.miribit.fleetops.argocd;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Argo CD {@code Application} ({@code argoproj.io/v1alpha1}), reduced to the fields fleet-ops reads.
 * It is only ever read through this type: writes go through the generic resource so that fields this
 * model does not know survive untouched.
 */
@Group("argoproj.io")
@Version("v1alpha1")
@Kind("Application")
@Plural("applications")
@JsonIgnoreProperties(ignoreUnknown = true)
public class Application extends CustomResource<Application.Spec, Application.Status> implements Namespaced {

    public static final String SYNC_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";
    public static final String REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";
    public static final String HOOK_WEIGHT_ANNOTATION = "helm.sh/hook-weight";
    /** Extra paths whose change concerns the application (util/app/path/path.go), ';'-separated. */
    public static final String MANIFEST_GENERATE_PATHS_ANNOTATION = "argocd.argoproj.io/manifest-generate-paths";

    private Operation operation;

    public Operation getOperation() {
        return operation;
    }

    public void setOperation(Operation operation) {
        this.operation = operation;
    }

    /**
     * The sync wave as gitops-engine reads it (pkg/sync/syncwaves/waves.go): the annotation parsed like Go's
     * {@code strconv.Atoi} (a sign allowed, no spaces), else Helm's {@code helm.sh/hook-weight} the same way, else 0.
     */
    public int syncWave() {
        Map<String, String> annotations = getMetadata().getAnnotations();
        if (annotations == null) {
            return 0;
        }
        Integer wave = atoi(annotations.get(SYNC_WAVE_ANNOTATION));
        if (wave == null) {
            wave = atoi(annotations.get(HOOK_WEIGHT_ANNOTATION));
        }
        return wave == null ? 0 : wave;
    }

    private static Integer atoi(String text) {
        if (text == null || !text.matches("[+-]?[0-9]+")) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }

    /**
     * The application's source as Argo CD's {@code GetSource} gives it: the first of {@code sources} when the
     * application has several, else {@code source}.
     */
    public Source primarySource() {
        List<Source> sources = sources();
        return sources.isEmpty() ? null : sources.get(0);
    }

    /** Argo CD's {@code GetSources}: {@code sources} when non-empty, else {@code source} alone, else none. */
    public List<Source> sources() {
        Spec spec = getSpec();
        if (spec == null) {
            return List.of();
        }
        if (spec.sources() != null && !spec.sources().isEmpty()) {
            return spec.sources();
        }
        return spec.source() == null ? List.of() : List.of(spec.source());
    }

    public boolean multiSource() {
        return getSpec() != null && getSpec().sources() != null && !getSpec().sources().isEmpty();
    }

    /** The options every sync of this application carries ({@code spec.syncPolicy.syncOptions}). */
    public List<String> syncOptions() {
        Spec spec = getSpec();
        return spec == null || spec.syncPolicy() == null || spec.syncPolicy().syncOptions() == null ? List.of()
                : spec.syncPolicy().syncOptions();
    }

    /** {@code spec.syncPolicy.retry} as written, or null. */
    public Map<String, Object> retry() {
        Spec spec = getSpec();
        return spec == null || spec.syncPolicy() == null ? null : spec.syncPolicy().retry();
    }

    /** An app-of-apps parent: among its resources are Argo CD Applications, whose health its own aggregates. */
    public boolean parentOfApplications() {
        Status status = getStatus();
        return status != null && status.resources() != null && status.resources().stream()
                .anyMatch(r -> "argoproj.io".equals(r.group()) && "Application".equals(r.kind()));
    }

    public boolean autoSyncEnabled() {
        Spec spec = getSpec();
        return spec != null && spec.syncPolicy() != null && spec.syncPolicy().automated() != null
                && !Boolean.FALSE.equals(spec.syncPolicy().automated().enabled());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String project, Source source, List<Source> sources, Destination destination, SyncPolicy syncPolicy,
            Integer revisionHistoryLimit) {
    }

    /**
     * One source of an application. Only what fleet-ops reads is typed; everything else Argo CD keeps in a source
     * (kustomize and helm settings, plugin, directory…) is carried in {@code other}, so that a source written back
     * (a rollback's sync) is the source that was read.
     *
     * @param ref  the name other sources use for this one's files ({@code $values/...} in helm value files)
     * @param helm helm settings, of which fleet-ops reads the value files
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String repoURL, String path, String targetRevision, String chart, String ref, Helm helm,
            @JsonAnySetter Map<String, Object> other) {

        public Source {
            other = other == null ? new java.util.LinkedHashMap<>() : other;
        }

        @JsonAnyGetter
        @Override
        public Map<String, Object> other() {
            return other;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Helm(List<String> valueFiles, @JsonAnySetter Map<String, Object> other) {

        public Helm {
            other = other == null ? new java.util.LinkedHashMap<>() : other;
        }

        @JsonAnyGetter
        @Override
        public Map<String, Object> other() {
            return other;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Destination(String server, String name, String namespace) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SyncPolicy(Automated automated, List<String> syncOptions, Map<String, Object> retry) {
    }

    /** {@code enabled} is Argo CD 3.1's explicit switch (absent before 3.1.0); absent means on when the block is present. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Automated(Boolean prune, Boolean selfHeal, Boolean enabled, Boolean allowEmpty) {
    }

    /**
     * What fleet-ops reads of the status. Not {@code history}: Argo CD keeps up to ten deployments per application, each
     * with its source and initiator, the largest part of a cache of tens of thousands of applications, for the two answers
     * that need it (the history, a rollback), which read it from the API server when asked ({@link ArgoCd#history}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(SyncStatus sync, Health health, OperationState operationState, List<ResourceStatus> resources,
            List<Condition> conditions, String reconciledAt, String resourceHealthSource) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SyncStatus(String status, String revision) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Health(String status, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OperationState(Operation operation, String phase, String message, SyncResult syncResult, String startedAt,
            String finishedAt, Long retryCount) {

        public boolean completed() {
            return "Succeeded".equals(phase) || "Failed".equals(phase) || "Error".equals(phase);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SyncResult(String revision, List<String> revisions, List<SyncResultResource> resources) {
    }

    /** One resource's outcome in a sync: {@code status} {@code Synced}, {@code SyncFailed}, {@code Pruned}, … */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SyncResultResource(String group, String kind, String namespace, String name, String status, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Operation(SyncOperation sync, Initiator initiatedBy, List<Info> info, Map<String, Object> retry) {

        /** Whether Argo CD's controller wrote this operation itself (automated sync), not a person or fleet-ops. */
        public boolean automated() {
            return initiatedBy != null && Boolean.TRUE.equals(initiatedBy.automated());
        }

        /** The value of an {@code info} entry, which Argo CD copies into {@code status.operationState}. */
        public String info(String name) {
            if (info == null) {
                return null;
            }
            return info.stream().filter(i -> name.equals(i.name())).map(Info::value).findFirst().orElse(null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SyncOperation(String revision, List<String> revisions, Boolean prune, Boolean dryRun,
            Map<String, Object> syncStrategy, List<SyncResource> resources, List<String> syncOptions, Source source,
            List<Source> sources) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SyncResource(String group, String kind, String namespace, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Initiator(String username, Boolean automated) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Info(String name, String value) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryEntry(Long id, String revision, List<String> revisions, String deployedAt, String deployStartedAt,
            Source source, List<Source> sources, Initiator initiatedBy) {

        /** A multi-source deployment ({@code sources}/{@code revisions}): sources win when non-empty, as in GetSources. */
        public boolean multiSource() {
            return sources != null && !sources.isEmpty();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResourceStatus(String group, String version, String kind, String namespace, String name, String status,
            Health health, Boolean requiresPruning, Integer syncWave) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Condition(String type, String message, String lastTransitionTime) {
    }
}
