package lab.miribit.fleetops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * {@code deploy/} as the tools that consume it see it: every kustomization rendered by the real Kustomize
 * ({@code kubectl kustomize}, built into kubectl), and every rendered object read strictly against upstream
 * schemas — Kubernetes kinds with the Kubernetes project's own models (io.kubernetes:client-java-api 27.0.0,
 * generated from the OpenAPI schema of a current Kubernetes release; they refuse fields the schema does not
 * have), prometheus-operator kinds with fabric8's models generated from its CRDs (no field left over), Argo CD's
 * Application with the v3.1.8 schema the demo's API server enforces — and the pods against Pod Security "restricted".
 */
class RenderedManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OVERLAY = Path.of("deploy/fleet-ops/overlays/cluster-01-central");

    @Test
    void everyKustomizationRendersWithTheRealKustomize() throws Exception {
        List<Path> kustomizations = kustomizations();
        assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(5);
        for (Path dir : kustomizations) {
            assertThat(render(dir)).as(dir.toString()).isNotEmpty();
        }
    }

    @Test
    void accessInOtherNamespacesKeepsItsNamespaces() throws Exception {
        List<JsonNode> objects = render(OVERLAY);
        assertThat(placed(objects, "Role")).containsExactlyInAnyOrder("argocd/fleet-ops", "fleet-ops/fleet-ops",
                "gitlab/fleet-ops-diagnostics");
        assertThat(placed(objects, "RoleBinding")).containsExactlyInAnyOrder("argocd/fleet-ops", "fleet-ops/fleet-ops",
                "gitlab/fleet-ops-diagnostics");
        for (JsonNode binding : ofKind(objects, "RoleBinding", "ClusterRoleBinding")) {
            assertThat(binding.at("/subjects/0/namespace").asText()).as(name(binding)).isEqualTo("fleet-ops");
            assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("fleet-ops");
        }
        // The role a binding names is there, in the binding's namespace.
        for (JsonNode binding : ofKind(objects, "RoleBinding")) {
            assertThat(placed(objects, binding.at("/roleRef/kind").asText())).as(name(binding))
                    .contains(binding.at("/metadata/namespace").asText() + "/" + binding.at("/roleRef/name").asText());
        }
    }

    @Test
    void theOverlayAppliesItsImageAndSettingsAndShipsNoPlaceholderSecret() throws Exception {
        List<JsonNode> objects = render(OVERLAY);
        JsonNode deployment = only(objects, "Deployment");
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.k8s-cluster-01.miribit.lab/platform/fleet-ops:0.1.0");
        JsonNode config = ofKind(objects, "ConfigMap").stream().filter(c -> name(c).equals("fleet-ops-config")).findFirst().orElseThrow();
        assertThat(config.at("/metadata/namespace").asText()).isEqualTo("fleet-ops");
        assertThat(config.at("/data/FLEET_PUBLIC_URL").asText()).startsWith("https://");
        assertThat(config.at("/data/FLEET_GITLAB_PROJECT").asText()).isEqualTo("observability/thanos-multi-cluster");
        assertThat(ofKind(objects, "SealedSecret")).as("the example with placeholders is not deployed").isEmpty();
        assertThat(objects).allSatisfy(object -> assertThat(object.at("/metadata/labels/app.kubernetes.io~1part-of").asText())
                .as(object.path("kind").asText() + " " + name(object)).isEqualTo("fleet-ops"));
    }

    @Test
    void onlyWhatMustBePublicIsRoutedAndOnlyOverHttps() throws Exception {
        JsonNode ingress = only(render(OVERLAY), "Ingress");
        String host = ingress.at("/spec/rules/0/host").asText();
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo(host);
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("fleet-ops-tls");
        List<String> paths = new ArrayList<>();
        ingress.at("/spec/rules/0/http/paths").forEach(path -> paths.add(path.path("path").asText()));
        assertThat(paths).containsExactlyInAnyOrder("/api/", "/slack/", "/mattermost/", "/hooks/");
        assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size").asText()).isEqualTo("1m");
    }

    @Test
    void labelsAndSelectorsAgree() throws Exception {
        List<JsonNode> objects = render(OVERLAY);
        JsonNode deployment = only(objects, "Deployment");
        Map<String, String> podLabels = strings(deployment.at("/spec/template/metadata/labels"));
        assertThat(podLabels).containsAllEntriesOf(strings(deployment.at("/spec/selector/matchLabels")));
        assertThat(podLabels).containsAllEntriesOf(strings(only(objects, "Service").at("/spec/selector")));
        assertThat(podLabels).containsAllEntriesOf(strings(only(objects, "PodDisruptionBudget").at("/spec/selector/matchLabels")));
        assertThat(podLabels).containsAllEntriesOf(strings(only(objects, "NetworkPolicy").at("/spec/podSelector/matchLabels")));
        JsonNode service = only(objects, "Service");
        assertThat(strings(service.at("/metadata/labels"))).containsAllEntriesOf(
                strings(only(objects, "ServiceMonitor").at("/spec/selector/matchLabels")));
        // The ServiceMonitor scrapes a port the Service has, and the Ingress sends to a port the Service has.
        List<String> ports = new ArrayList<>();
        service.at("/spec/ports").forEach(port -> ports.add(port.path("name").asText()));
        assertThat(ports).contains(only(objects, "ServiceMonitor").at("/spec/endpoints/0/port").asText());
        only(objects, "Ingress").at("/spec/rules/0/http/paths").forEach(path -> assertThat(ports)
                .contains(path.at("/backend/service/port/name").asText()));
    }

    @Test
    void everyRenderedObjectIsValidAgainstItsUpstreamSchema() throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        for (Path dir : kustomizations()) {
            objects.addAll(render(dir));
        }
        for (Path file : List.of(Path.of("deploy/bootstrap/gitlab-postgresql.yaml"), Path.of("deploy/bootstrap/gitlab-redis.yaml"))) {
            objects.addAll(documents(Files.readString(file)));
        }
        assertThat(objects).hasSizeGreaterThan(20);
        for (JsonNode object : objects) {
            validate(object);
        }
        // Argo CD's Application, which Argo CD itself reads: against the v3.1.8 schema.
        JsonNode application = documents(Files.readString(Path.of("deploy/fleet-ops/argocd-application.yaml"))).get(0);
        ArgoCdApplicationSchema.requireValid(application);
    }

    @Test
    void theStrictReadingRefusesWhatAnApiServerWouldRefuse() throws Exception {
        JsonNode deployment = only(render(OVERLAY), "Deployment").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        assertThatThrownBy(() -> validate(deployment)).hasMessageContaining("imagePullPolicyy");
        JsonNode monitor = only(render(OVERLAY), "ServiceMonitor").deepCopy();
        ((ObjectNode) monitor.at("/spec/endpoints/0")).put("intervall", "30s");
        assertThatThrownBy(() -> validate(monitor)).hasMessageContaining("intervall");
    }

    @Test
    void everyRenderedPodMeetsPodSecurityRestricted() throws Exception {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode object : render(OVERLAY)) {
            if (Set.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(object.path("kind").asText())) {
                pods.add(object.at("/spec/template/spec"));
            }
        }
        for (Path file : List.of(Path.of("deploy/bootstrap/gitlab-postgresql.yaml"), Path.of("deploy/bootstrap/gitlab-redis.yaml"))) {
            for (JsonNode object : documents(Files.readString(file))) {
                if (object.path("kind").asText().equals("StatefulSet")) {
                    pods.add(object.at("/spec/template/spec"));
                }
            }
        }
        assertThat(pods).hasSize(3);
        pods.forEach(pod -> assertThat(PodSecurity.restrictedViolations(pod)).isEmpty());
        // and the check itself finds what the standard forbids
        ObjectNode root = pods.get(0).deepCopy();
        ((ObjectNode) root.path("securityContext")).put("runAsUser", 0);
        ((ObjectNode) root.at("/containers/0/securityContext")).put("allowPrivilegeEscalation", true);
        root.put("hostNetwork", true);
        assertThat(PodSecurity.restrictedViolations(root)).hasSize(3);
    }

    // ---- reading and validating ----

    /** What the real Kustomize renders for {@code dir}; fails (never skips) when kubectl is missing. */
    static List<JsonNode> render(Path dir) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException missing) {
            throw new AssertionError("kubectl (with its built-in Kustomize) is needed to render deploy/: " + missing.getMessage());
        }
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
        }
        return documents(out);
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && node.isObject()) {
                    documents.add(node);
                }
            });
        }
        return documents;
    }

    private static List<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("deploy"))) {
            return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent).sorted()
                    .toList();
        }
    }

    /**
     * Reads {@code object} strictly: a Kubernetes kind with the model the Kubernetes project generates for it
     * (which throws on a field its schema lacks), a prometheus-operator kind with fabric8's model of its CRD,
     * where nothing may be left over.
     */
    static void validate(JsonNode object) throws IOException {
        String kind = object.path("kind").asText();
        String apiVersion = object.path("apiVersion").asText();
        if (apiVersion.startsWith("monitoring.coreos.com/")) {
            KubernetesResource typed = Serialization.unmarshal(JSON.writeValueAsString(object), KubernetesResource.class);
            List<String> leftOver = new ArrayList<>();
            UnknownFields.collect(typed, kind, leftOver);
            if (!leftOver.isEmpty()) {
                throw new IllegalArgumentException(kind + " " + name(object) + " has fields its CRD does not: " + leftOver);
            }
            return;
        }
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
        String model = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
        try {
            Method fromJson = Class.forName(model).getMethod("fromJson", String.class);
            fromJson.invoke(null, JSON.writeValueAsString(object));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new AssertionError(apiVersion + " " + kind + " is not a kind of the Kubernetes API (no model " + model + ")");
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(kind + " " + name(object) + ": " + cause.getMessage(), cause);
        }
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return objects.stream().filter(o -> wanted.contains(o.path("kind").asText())).toList();
    }

    private static JsonNode only(List<JsonNode> objects, String kind) {
        List<JsonNode> found = ofKind(objects, kind);
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<String> placed(List<JsonNode> objects, String kind) {
        return ofKind(objects, kind).stream().map(o -> o.at("/metadata/namespace").asText() + "/" + name(o)).toList();
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        map.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }

    /** Walks a fabric8 model: any {@code additionalProperties} left filled is a field the model's schema lacks. */
    private static final class UnknownFields {

        static void collect(Object value, String path, List<String> found) {
            if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                    || value instanceof Enum<?>) {
                return;
            }
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    collect(item, path + "[" + i++ + "]", found);
                }
                return;
            }
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, item) -> collect(item, path + "." + key, found));
                return;
            }
            if (!value.getClass().getName().startsWith("io.fabric8.")) {
                return;
            }
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                    continue;
                }
                try {
                    Object child = getter.invoke(value);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                            extra.keySet().forEach(key -> found.add(path + "." + key));
                        }
                    } else if (!getter.getName().equals("getMetadata")) {
                        collect(child, path + "." + getter.getName().substring(3), found);
                    }
                } catch (ReflectiveOperationException unreadable) {
                    // not a property
                }
            }
        }
    }
}
