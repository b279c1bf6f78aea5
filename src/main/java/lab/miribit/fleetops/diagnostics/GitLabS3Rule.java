package lab.miribit.fleetops.diagnostics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.Secret;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.fleet.ClusterClients;
import lab.miribit.fleetops.fleet.ClusterRole;
import lab.miribit.fleetops.storage.ObjectStore;
import lab.miribit.fleetops.storage.StorageConfig;

/**
 * Runbook: "GitLab S3 connection" — do the keys in GitLab's object-storage Secret actually work against the S3
 * endpoint, and do GitLab's buckets exist? The keys are used, never shown.
 */
@ApplicationScoped
class GitLabS3Rule implements DiagnosticRule {

    static final String SECRET = "gitlab-object-storage";

    private final ClusterClients clients;
    private final ObjectStore store;
    private final StorageConfig storage;
    private final DiagnosticsConfig config;

    GitLabS3Rule(ClusterClients clients, ObjectStore store, StorageConfig storage, DiagnosticsConfig config) {
        this.clients = clients;
        this.store = store;
        this.storage = storage;
        this.config = config;
    }

    @Override
    public String name() {
        return "gitlab-s3";
    }

    @Override
    public List<Finding> check(DiagnosticScope scope) {
        boolean centralInScope = scope.clusters().stream().anyMatch(c -> c.role() == ClusterRole.CENTRAL);
        if (!centralInScope || scope.description().startsWith("app/")) {
            return List.of();
        }
        String target = "secret/" + config.gitlabNamespace() + "/" + SECRET;
        Secret secret = clients.central().secrets().inNamespace(config.gitlabNamespace()).withName(SECRET).get();
        if (secret == null) {
            boolean gitlab = !clients.central().pods().inNamespace(config.gitlabNamespace()).list().getItems().isEmpty();
            return gitlab ? List.of(new Finding(name(), Finding.Severity.CRITICAL, target, Note.of("diag.gitlab-s3-secret-missing"),
                    List.of("no Secret " + SECRET + " in " + config.gitlabNamespace()),
                    Note.of("diag.gitlab-s3-secret-missing.remedy")))
                    : List.of();
        }
        Map<String, String> connection = connection(secret);
        String endpoint = connection.getOrDefault("endpoint", storage.endpoint().orElse(null));
        String accessKey = connection.get("aws_access_key_id");
        String secretKey = connection.get("aws_secret_access_key");
        if (endpoint == null || accessKey == null || secretKey == null) {
            return List.of(new Finding(name(), Finding.Severity.CRITICAL, target, Note.of("diag.gitlab-s3-secret-incomplete"),
                    List.of("its 'connection' lacks " + (endpoint == null ? "endpoint " : "") + (accessKey == null ? "aws_access_key_id " : "")
                            + (secretKey == null ? "aws_secret_access_key" : "")),
                    Note.of("diag.gitlab-s3-secret-incomplete.remedy")));
        }
        ObjectStore gitlab = store.withCredentials(endpoint, accessKey, secretKey);
        try {
            List<String> buckets = gitlab.bucketNames();
            List<String> missing = storage.buckets().stream().filter(b -> b.startsWith("gitlab-") && !buckets.contains(b)).toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            return List.of(new Finding(name(), Finding.Severity.CRITICAL, target, Note.of("diag.gitlab-buckets-missing"),
                    List.of("the keys work against " + endpoint, "missing buckets: " + String.join(", ", missing)),
                    Note.of("diag.gitlab-buckets-missing.remedy")));
        } catch (ObjectStore.StorageFailure failure) {
            List<String> evidence = new ArrayList<>();
            evidence.add("S3 endpoint " + endpoint + " from the Secret: " + failure.getMessage());
            Note remedy = failure.kind() == ObjectStore.StorageFailure.Kind.CREDENTIALS
                    ? Note.of("diag.gitlab-s3-unusable.keys", SECRET) : Note.of("diag.gitlab-s3-unusable.network");
            return List.of(new Finding(name(), Finding.Severity.CRITICAL, target, Note.of("diag.gitlab-s3-unusable"), evidence,
                    remedy));
        } finally {
            gitlab.close();
        }
    }

    /** The chart's {@code connection} key: simple {@code key: value} lines (the part of YAML it uses). */
    private static Map<String, String> connection(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        String encoded = secret.getData() == null ? null : secret.getData().get("connection");
        if (encoded == null) {
            return values;
        }
        String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim().replaceAll("^[\"']|[\"']$", ""));
            }
        }
        return values;
    }
}
