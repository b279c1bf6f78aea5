package lab.miribit.fleetops.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import lab.miribit.fleetops.demo.DemoFleetSeed;

/**
 * Applications a test adds to the shared demo fleet and removes again: written through the API server as a user
 * would apply them, so the embedded server prunes and validates them against the Application CRD.
 */
public final class TestApplications implements AutoCloseable {

    private final KubernetesClient central;
    private final List<String> created = new ArrayList<>();

    public TestApplications(KubernetesClient central) {
        this.central = central;
    }

    /** An application spec and status under construction; everything is a plain map, as in the resource. */
    public static final class Spec {
        final String name;
        final Map<String, Object> spec = new LinkedHashMap<>();
        final Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, Object> status;

        Spec(String name) {
            this.name = name;
            spec.put("project", DemoFleetSeed.PROJECT);
            spec.put("source", new LinkedHashMap<>(Map.of("repoURL", DemoFleetSeed.REPO_URL,
                    "path", "deploy/overlays/cluster-02-edge/" + name, "targetRevision", "main")));
            spec.put("destination", Map.of("name", "cluster-02", "namespace", "monitoring"));
            spec.put("syncPolicy", new LinkedHashMap<>(Map.of("syncOptions", List.of("CreateNamespace=true"))));
        }

        public Spec with(Consumer<Map<String, Object>> change) {
            change.accept(spec);
            return this;
        }

        public Spec annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        /** A status as Argo CD would have written it: the app deployed at {@code revision}, its resources Synced. */
        public Spec deployedAt(String revision, List<Map<String, Object>> resources) {
            status = new LinkedHashMap<>();
            Map<String, Object> comparedTo = new LinkedHashMap<>();
            comparedTo.put("destination", spec.get("destination"));
            if (spec.containsKey("sources")) {
                comparedTo.put("sources", spec.get("sources"));
            } else {
                comparedTo.put("source", spec.get("source"));
            }
            status.put("sync", Map.of("status", "Synced", "revision", revision, "comparedTo", comparedTo));
            status.put("health", Map.of("status", "Healthy"));
            status.put("resources", resources);
            status.put("reconciledAt", java.time.Instant.now().minusSeconds(60).toString());
            return this;
        }

        public Spec status(Consumer<Map<String, Object>> change) {
            change.accept(status);
            return this;
        }
    }

    public static Spec app(String name) {
        return new Spec(name);
    }

    /** A Deployment an application's status lists. */
    public static Map<String, Object> deployment(String namespace, String name) {
        return new LinkedHashMap<>(Map.of("group", "apps", "version", "v1", "kind", "Deployment", "namespace", namespace,
                "name", name, "status", "Synced"));
    }

    public GenericKubernetesResource create(Spec app) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("argoproj.io/v1alpha1");
        resource.setKind("Application");
        resource.setMetadata(new ObjectMetaBuilder().withName(app.name).withNamespace("argocd").withAnnotations(app.annotations)
                .build());
        resource.setAdditionalProperty("spec", app.spec);
        if (app.status != null) {
            resource.setAdditionalProperty("status", app.status);
        }
        created.add(app.name);
        return applications().resource(resource).create();
    }

    public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> applications() {
        return central.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd");
    }

    @Override
    public void close() {
        created.forEach(name -> applications().withName(name).delete());
    }
}
