package lab.miribit.fleetops.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.fleet.FleetConfig;
import lab.miribit.fleetops.gitlab.GitLab;
import lab.miribit.fleetops.gitlab.GitLabConfig;
import lab.miribit.fleetops.gitlab.GitLabFailure;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.storage.StorageConfig;

/**
 * The rest of the guide's {@code deploy-gitlab.sh} and its "GitLab initial setup": object storage Secret,
 * PostgreSQL and Redis, GitLab's chart as an Argo CD Application, the wait for its webservice, the root
 * password's whereabouts, and the GitOps group and project.
 */
@ApplicationScoped
class GitLabSteps {

    static final String OBJECT_STORAGE_SECRET = "gitlab-object-storage";
    static final String ROOT_PASSWORD_SECRET = "gitlab-gitlab-initial-root-password";
    static final String ROOT_PASSWORD_KEY = "gitlab-root-password-secret";
    static final String WEBSERVICE = "gitlab-webservice-default";
    private static final List<String> DATABASE_MANIFESTS = List.of("bootstrap/gitlab-postgresql.yaml", "bootstrap/gitlab-redis.yaml");
    /** Secret, key: generated once, read by the database manifests and GitLab's values. */
    private static final Map<String, String> DATABASE_PASSWORDS = Map.of(
            "gitlab-postgresql-password", "postgresql-password", "gitlab-redis-password", "redis-password");

    private final KubernetesClient central;
    private final BootstrapConfig config;
    private final StorageConfig storage;
    private final String argocdNamespace;
    private final String namespace;
    private final ObjectApplier applier;
    private final Workloads workloads;
    private final FleetCredentials credentials;
    private final GitLab gitlab;
    private final GitLabConfig gitlabConfig;
    private final SecureRandom random = new SecureRandom();

    GitLabSteps(KubernetesClient central, BootstrapConfig config, StorageConfig storage, FleetConfig fleet, ObjectApplier applier,
            Workloads workloads, FleetCredentials credentials, GitLab gitlab, GitLabConfig gitlabConfig) {
        this.central = central;
        this.config = config;
        this.storage = storage;
        this.argocdNamespace = fleet.argocd().namespace();
        this.namespace = config.gitlab().namespace();
        this.applier = applier;
        this.workloads = workloads;
        this.credentials = credentials;
        this.gitlab = gitlab;
        this.gitlabConfig = gitlabConfig;
    }

    List<Step> steps() {
        return List.of(namespaceStep(), objectStorage(), database(), databaseReady(), application(), ready(), rootPassword(), project());
    }

    private Step namespaceStep() {
        HasMetadata object = new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
        return new Step("gitlab-namespace", "namespace " + namespace,
                () -> applier.exists(central, object) ? Step.alreadySo("boot.namespace-exists", namespace)
                        : Step.wouldChange("boot.create-namespace", namespace),
                report -> {
                    applier.apply(central, object);
                    return Note.of("boot.created-namespace", namespace);
                });
    }

    /** The Secret in the form GitLab's chart reads object storage settings (a fog connection, YAML). */
    private Step objectStorage() {
        return new Step("gitlab-object-storage", "Secret " + OBJECT_STORAGE_SECRET + " with the S3 connection for GitLab", () -> {
            String wanted = connection();
            Secret current = central.secrets().inNamespace(namespace).withName(OBJECT_STORAGE_SECRET).get();
            if (current == null) {
                return Step.wouldChange("boot.create-secret", namespace + "/" + OBJECT_STORAGE_SECRET);
            }
            String present = SecretValue.of(current, "connection");
            return wanted.equals(present) ? Step.alreadySo("boot.secret-matches-s3", OBJECT_STORAGE_SECRET)
                    : Step.wouldChange("boot.update-secret-s3", namespace + "/" + OBJECT_STORAGE_SECRET);
        }, report -> {
            applier.apply(central, new SecretBuilder().withMetadata(meta(OBJECT_STORAGE_SECRET, namespace)).withType("Opaque")
                    .addToData("connection", base64(connection())).build());
            return Note.of("boot.wrote-secret", namespace + "/" + OBJECT_STORAGE_SECRET);
        });
    }

    private Step database() {
        return new Step("gitlab-database", "PostgreSQL and Redis for GitLab (deploy/bootstrap), with generated passwords", () -> {
            List<String> missingSecrets = DATABASE_PASSWORDS.keySet().stream()
                    .filter(name -> central.secrets().inNamespace(namespace).withName(name).get() == null).sorted().toList();
            List<HasMetadata> missing = applier.missing(central, databaseObjects());
            if (missingSecrets.isEmpty() && missing.isEmpty()) {
                return Step.alreadySo("boot.database-deployed");
            }
            if (missingSecrets.isEmpty()) {
                return Step.wouldChange("boot.create", ArgoCdSteps.summary(missing));
            }
            return missing.isEmpty() ? Step.wouldChange("boot.create-secrets", String.join(", ", missingSecrets))
                    : Step.wouldChange("boot.create-secrets-and", String.join(", ", missingSecrets), ArgoCdSteps.summary(missing));
        }, report -> {
            // A password is generated only when its Secret is missing: a rerun must not change what the database holds.
            DATABASE_PASSWORDS.forEach((name, key) -> {
                if (central.secrets().inNamespace(namespace).withName(name).get() == null) {
                    applier.apply(central, new SecretBuilder().withMetadata(meta(name, namespace)).withType("Opaque")
                            .addToData(key, base64(password())).build());
                }
            });
            List<HasMetadata> objects = databaseObjects();
            objects.forEach(object -> applier.apply(central, object));
            return Note.of("boot.applied-objects-of", objects.size(), ArgoCdSteps.summary(objects));
        });
    }

    private Step databaseReady() {
        return new Step("gitlab-database-ready", "wait for PostgreSQL and Redis", () -> {
            String postgres = workloads.readiness(central, Workloads.Kind.STATEFUL_SET, namespace, "gitlab-postgresql");
            String redis = workloads.readiness(central, Workloads.Kind.STATEFUL_SET, namespace, "gitlab-redis");
            return "ready".equals(postgres) && "ready".equals(redis) ? Step.alreadySo("boot.database-ready")
                    : Step.wouldChange("boot.wait-for-database", postgres, redis);
        }, report -> {
            workloads.await(central, Workloads.Kind.STATEFUL_SET, namespace, "gitlab-postgresql", config.readyTimeout(), report);
            workloads.await(central, Workloads.Kind.STATEFUL_SET, namespace, "gitlab-redis", config.readyTimeout(), report);
            return Note.of("boot.database-ready");
        });
    }

    private Step application() {
        return new Step("gitlab-application", "GitLab's Helm chart " + config.gitlab().chartVersion() + " as the Argo CD Application gitlab",
                () -> {
                    GenericKubernetesResource current = applier.find(central, "argoproj.io/v1alpha1", "Application",
                            argocdNamespace, "gitlab");
                    if (current == null) {
                        return Step.wouldChange("boot.create-application", argocdNamespace + "/gitlab");
                    }
                    Object source = ((Map<?, ?>) current.getAdditionalProperties().getOrDefault("spec", Map.of())).get("source");
                    return Objects.equals(source, gitlabSource()) ? Step.alreadySo("boot.application-as-planned", "gitlab")
                            : Step.wouldChange("boot.update-application", argocdNamespace + "/gitlab");
                },
                report -> {
                    applier.apply(central, gitlabApplication());
                    return Note.of("boot.wrote-application-chart", argocdNamespace + "/gitlab", config.gitlab().chartVersion());
                });
    }

    private Step ready() {
        return new Step("gitlab-ready", "wait for GitLab's webservice (up to " + config.gitlab().readyTimeout().toMinutes() + " min)",
                () -> workloads.ready(central, Workloads.Kind.DEPLOYMENT, namespace, WEBSERVICE) ? Step.alreadySo("boot.is-ready", "webservice")
                        : Step.wouldChange("boot.wait-for", WEBSERVICE, workloads.readiness(central, Workloads.Kind.DEPLOYMENT,
                                namespace, WEBSERVICE)),
                report -> {
                    workloads.await(central, Workloads.Kind.DEPLOYMENT, namespace, WEBSERVICE, config.gitlab().readyTimeout(), report);
                    return Note.of("boot.gitlab-ready");
                });
    }

    /** The chart writes the root password into a Secret; fleet-ops keeps where it is, not the password. */
    private Step rootPassword() {
        String reference = namespace + "/" + ROOT_PASSWORD_SECRET;
        return new Step("gitlab-root-password", "keep the reference to GitLab's initial root password Secret", () -> {
            if (central.secrets().inNamespace(namespace).withName(ROOT_PASSWORD_SECRET).get() == null) {
                throw new FleetProblem.Conflict("GitLab has not written Secret " + reference + " yet; wait for the gitlab"
                        + " Application to be synced, then run the bootstrap again");
            }
            return reference.equals(credentials.get(ROOT_PASSWORD_KEY).orElse(null))
                    ? Step.alreadySo("boot.root-password-in", reference)
                    : Step.wouldChange("boot.record-root-password", reference);
        }, report -> {
            credentials.put(ROOT_PASSWORD_KEY, reference);
            return Note.of("boot.root-password-reference", reference);
        });
    }

    private Step project() {
        String path = gitlabConfig.project();
        String group = config.gitlab().group().orElse(path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new Step("gitlab-project", "group " + group + " and project " + path + " in GitLab", () -> gitlabCall(() -> {
            requireGitLab();
            if (gitlab.projectExists(path)) {
                return Step.alreadySo("boot.project-exists", path);
            }
            return gitlab.groupId(group).isPresent() ? Step.wouldChange("boot.create-project", path)
                    : Step.wouldChange("boot.create-group-then-project", group, path);
        }), report -> gitlabCall(() -> {
            long groupId = gitlab.groupId(group).orElseGet(() -> {
                long created = gitlab.createGroup(group);
                report.accept(Note.of("boot.created-group", group));
                return created;
            });
            gitlab.createProject(groupId, name);
            return Note.of("boot.created-project", path);
        }));
    }

    private void requireGitLab() {
        if (!gitlab.configured()) {
            throw new FleetProblem.Conflict("fleet-ops has no GitLab token: sign in to GitLab as root (password in Secret "
                    + namespace + "/" + ROOT_PASSWORD_SECRET + "), create a personal access token with the api scope, store it"
                    + " as GITLAB_TOKEN (and fleet.gitlab.url), then run the bootstrap again");
        }
    }

    static <T> T gitlabCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (GitLabFailure failure) {
            throw switch (failure.kind()) {
                case NOT_FOUND -> new FleetProblem.NotFound(failure.getMessage());
                case REFUSED -> new FleetProblem.Conflict(failure.getMessage());
                case NOT_CONFIGURED -> new FleetProblem.Conflict(failure.getMessage());
                default -> new FleetProblem.Unavailable(failure.getMessage(), 60);
            };
        }
    }

    private String connection() {
        String endpoint = storage.endpoint().orElseThrow(() -> new FleetProblem.Conflict(
                "S3 is not configured: set fleet.s3.endpoint and S3_ACCESS_KEY / S3_SECRET_KEY"));
        return "provider: AWS\n"
                + "region: " + storage.region() + "\n"
                + "aws_access_key_id: " + storage.accessKey().orElse("") + "\n"
                + "aws_secret_access_key: " + storage.secretKey().orElse("") + "\n"
                + "endpoint: " + endpoint + "\n"
                + "path_style: true\n";
    }

    private List<HasMetadata> databaseObjects() {
        List<HasMetadata> objects = new java.util.ArrayList<>();
        for (String manifest : DATABASE_MANIFESTS) {
            objects.addAll(applier.parse(resource(manifest), namespace));
        }
        return objects;
    }

    private GenericKubernetesResource gitlabApplication() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", "default");
        spec.put("source", gitlabSource());
        spec.put("destination", Map.of("server", "https://kubernetes.default.svc", "namespace", namespace));
        spec.put("syncPolicy", Map.of("automated", Map.of("prune", false, "selfHeal", true),
                "syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true")));
        GenericKubernetesResource app = new GenericKubernetesResource();
        app.setApiVersion("argoproj.io/v1alpha1");
        app.setKind("Application");
        app.setMetadata(meta("gitlab", argocdNamespace));
        app.setAdditionalProperty("spec", spec);
        return app;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> gitlabSource() {
        Map<String, Object> values;
        try {
            values = new ObjectMapper(new YAMLFactory()).readValue(resource("bootstrap/gitlab-values.yaml"), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("bootstrap/gitlab-values.yaml is not readable", e);
        }
        ((Map<String, Object>) ((Map<String, Object>) values.get("global")).get("hosts")).put("domain", config.gitlab().domain());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", config.gitlab().chartRepository());
        source.put("chart", "gitlab");
        source.put("targetRevision", config.gitlab().chartVersion());
        source.put("helm", Map.of("releaseName", "gitlab", "valuesObject", values));
        return source;
    }

    private String password() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").build();
    }

    static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static String resource(String name) {
        try (InputStream in = GitLabSteps.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the service's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not readable", e);
        }
    }
}
