package lab.miribit.fleetops.bootstrap;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import lab.miribit.fleetops.fleet.ApiServerFailure;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * The bootstrap's gateway for writing Kubernetes objects: reads multi-document manifests, tells which objects
 * exist, and writes them with server-side apply (field manager {@code fleet-ops}, conflicts forced, as
 * {@code kubectl apply --server-side --force-conflicts}) or, where the API server cannot do that, by creating
 * or replacing them. Both paths share everything but the final request.
 */
@ApplicationScoped
class ObjectApplier {

    static final String FIELD_MANAGER = "fleet-ops";

    private final BootstrapConfig config;

    ObjectApplier(BootstrapConfig config) {
        this.config = config;
    }

    /** The objects of a YAML stream, namespaced ones put into {@code namespace} when they name none, CRDs first. */
    List<HasMetadata> parse(String yaml, String namespace) {
        Object parsed;
        try {
            parsed = Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new FleetProblem.InvalidInput("the manifests are not valid Kubernetes YAML: " + firstLine(e.getMessage()));
        }
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof KubernetesList list) {
            objects.addAll(list.getItems());
        } else if (parsed instanceof List<?> many) {
            many.stream().filter(HasMetadata.class::isInstance).map(HasMetadata.class::cast).forEach(objects::add);
        } else if (parsed instanceof HasMetadata one) {
            objects.add(one);
        }
        for (HasMetadata object : objects) {
            if (object instanceof Namespaced && object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace(namespace);
            }
        }
        objects.sort(Comparator.comparingInt(ObjectApplier::order));
        return objects;
    }

    /**
     * A custom resource, or null when it does not exist — also when its kind does not exist yet (Argo CD's CRDs
     * before Argo CD is installed): then it certainly is to be created.
     */
    io.fabric8.kubernetes.api.model.GenericKubernetesResource find(KubernetesClient client, String apiVersion, String kind,
            String namespace, String name) {
        try {
            return client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == -1 && String.valueOf(e.getMessage()).contains("resource type")) {
                return null;
            }
            throw new FleetProblem.Unavailable("cannot read " + kind + " " + namespace + "/" + name + ": the API server "
                    + ApiServerFailure.of(e).summary(), 30);
        }
    }

    boolean exists(KubernetesClient client, HasMetadata object) {
        return call(() -> client.resource(object).get() != null, object);
    }

    /** The objects of {@code objects} that do not exist yet. */
    List<HasMetadata> missing(KubernetesClient client, List<HasMetadata> objects) {
        return objects.stream().filter(object -> !exists(client, object)).toList();
    }

    void apply(KubernetesClient client, HasMetadata object) {
        call(() -> {
            if (config.apply() == BootstrapConfig.ApplyMode.SERVER_SIDE) {
                object.getMetadata().setResourceVersion(null);
                object.getMetadata().setManagedFields(null);
                client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            } else {
                client.resource(object).createOr(NonDeletingOperation::update);
            }
            return null;
        }, object);
    }

    static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    /** CRDs and namespaces before what lives in them. */
    private static int order(HasMetadata object) {
        return switch (object.getKind()) {
            case "CustomResourceDefinition" -> 0;
            case "Namespace" -> 1;
            default -> 2;
        };
    }

    private static <T> T call(java.util.function.Supplier<T> request, HasMetadata object) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            ApiServerFailure why = ApiServerFailure.of(e);
            if (why.kind() != ApiServerFailure.Kind.ANSWERED) {
                throw new FleetProblem.Unavailable("the API server " + why.summary() + " for " + describe(object), 30);
            }
            String reason = e.getStatus() == null || e.getStatus().getMessage() == null ? "" : ": " + firstLine(e.getStatus().getMessage());
            throw new FleetProblem.Unavailable("the API server refused " + describe(object) + " (HTTP " + why.code() + ")" + reason, 30);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
