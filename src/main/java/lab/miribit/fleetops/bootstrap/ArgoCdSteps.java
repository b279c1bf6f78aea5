package lab.miribit.fleetops.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.argocd.ArgoCdSettings;
import lab.miribit.fleetops.fleet.FleetConfig;
import lab.miribit.fleetops.problem.FleetProblem;

/** The guide's {@code deploy-argocd.sh}: namespace, install manifests, readiness, admin password, Application health. */
@ApplicationScoped
class ArgoCdSteps {

    static final String ADMIN_PASSWORD_KEY = "argocd-admin-password";
    static final String HEALTH_KEY = ArgoCdSettings.APPLICATION_HEALTH_KEY;
    static final String APPLICATION_HEALTH = ArgoCdSettings.APPLICATION_HEALTH_LUA;

    private final KubernetesClient central;
    private final BootstrapConfig config;
    private final String namespace;
    private final ObjectApplier applier;
    private final ManifestSource manifests;
    private final Workloads workloads;
    private final FleetCredentials credentials;

    ArgoCdSteps(KubernetesClient central, BootstrapConfig config, FleetConfig fleet, ObjectApplier applier,
            ManifestSource manifests, Workloads workloads, FleetCredentials credentials) {
        this.central = central;
        this.config = config;
        this.namespace = fleet.argocd().namespace();
        this.applier = applier;
        this.manifests = manifests;
        this.workloads = workloads;
        this.credentials = credentials;
    }

    List<Step> steps() {
        return List.of(namespace(), install(), ready(), adminPassword(), applicationHealth(), resourceHealth());
    }

    private Step namespace() {
        HasMetadata object = new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
        return new Step("argocd-namespace", "namespace " + namespace,
                () -> applier.exists(central, object) ? Step.alreadySo("boot.namespace-exists", namespace)
                        : Step.wouldChange("boot.create-namespace", namespace),
                report -> {
                    applier.apply(central, object);
                    return Note.of("boot.created-namespace", namespace);
                });
    }

    private Step install() {
        // One download per run: the check reads the manifests, the action applies what the check read.
        java.util.concurrent.atomic.AtomicReference<List<HasMetadata>> fetched = new java.util.concurrent.atomic.AtomicReference<>();
        return new Step("argocd-install", "Argo CD's install manifests from " + config.argocd().manifests()
                + ", applied server-side", () -> {
                    List<HasMetadata> objects = installObjects();
                    fetched.set(objects);
                    List<HasMetadata> missing = applier.missing(central, objects);
                    return missing.isEmpty() ? Step.alreadySo("boot.objects-exist", objects.size())
                            : Step.wouldChange("boot.apply-objects", objects.size(), missing.size(), summary(missing));
                }, report -> {
                    List<HasMetadata> objects = fetched.get() != null ? fetched.get() : installObjects();
                    int applied = 0;
                    for (HasMetadata object : objects) {
                        applier.apply(central, object);
                        if (++applied % 10 == 0) {
                            report.accept(Note.of("boot.applied-of", applied, objects.size()));
                        }
                    }
                    return Note.of("boot.applied-objects", objects.size());
                });
    }

    private Step ready() {
        return new Step("argocd-ready", "wait for argocd-server to be ready",
                () -> workloads.ready(central, Workloads.Kind.DEPLOYMENT, namespace, "argocd-server")
                        ? Step.alreadySo("boot.is-ready", "argocd-server")
                        : Step.wouldChange("boot.wait-for", "argocd-server", workloads.readiness(central, Workloads.Kind.DEPLOYMENT,
                                namespace, "argocd-server")),
                report -> {
                    workloads.await(central, Workloads.Kind.DEPLOYMENT, namespace, "argocd-server", config.readyTimeout(), report);
                    return Note.of("boot.is-ready", "argocd-server");
                });
    }

    private Step adminPassword() {
        return new Step("argocd-admin-password", "keep Argo CD's initial admin password in fleet-ops' credentials Secret",
                () -> credentials.has(ADMIN_PASSWORD_KEY)
                        ? Step.alreadySo("boot.kept-in-secret", config.namespace() + "/" + config.credentialsSecret())
                        : Step.wouldChange("boot.copy-admin-password", config.namespace() + "/" + config.credentialsSecret()),
                report -> {
                    Secret initial = central.secrets().inNamespace(namespace).withName("argocd-initial-admin-secret").get();
                    String encoded = initial == null || initial.getData() == null ? null : initial.getData().get("password");
                    if (encoded == null) {
                        throw new FleetProblem.Conflict("Argo CD has no argocd-initial-admin-secret (it is deleted once the"
                                + " admin password was changed); store the admin password under key " + ADMIN_PASSWORD_KEY
                                + " of Secret " + config.namespace() + "/" + config.credentialsSecret() + " and run again");
                    }
                    credentials.put(ADMIN_PASSWORD_KEY, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
                    return Note.of("boot.kept-in-secret-key", config.namespace() + "/" + config.credentialsSecret(), ADMIN_PASSWORD_KEY);
                });
    }

    private Step applicationHealth() {
        return new Step("argocd-application-health", "restore the health check of Applications in argocd-cm (app-of-apps waves wait)",
                () -> {
                    ConfigMap cm = central.configMaps().inNamespace(namespace).withName("argocd-cm").get();
                    String current = cm == null || cm.getData() == null ? null : cm.getData().get(HEALTH_KEY);
                    return APPLICATION_HEALTH.equals(current) ? Step.alreadySo("boot.health-check-set")
                            : Step.wouldChange("boot.set-in", HEALTH_KEY, "argocd-cm");
                },
                report -> {
                    var resource = central.configMaps().inNamespace(namespace).withName("argocd-cm");
                    if (resource.get() == null) {
                        central.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                                .withName("argocd-cm").withNamespace(namespace)
                                .addToLabels("app.kubernetes.io/part-of", "argocd").endMetadata()
                                .addToData(HEALTH_KEY, APPLICATION_HEALTH).build()).create();
                    } else {
                        resource.edit(cm -> new ConfigMapBuilder(cm).addToData(Map.of(HEALTH_KEY, APPLICATION_HEALTH)).build());
                    }
                    return Note.of("boot.set", HEALTH_KEY);
                });
    }

    /**
     * Argo CD 3.x no longer keeps each resource's health in the Application (2.14→3.0 upgrade notes); fleet-ops does
     * not need it there, but with it app detail shows it and other tools reading Applications keep working. The
     * controller reads the setting at start, so it is restarted (as {@code kubectl rollout restart} does) after a change.
     */
    private Step resourceHealth() {
        String key = ArgoCdSettings.PERSIST_RESOURCE_HEALTH_KEY;
        String configMap = ArgoCdSettings.CMD_PARAMS_CM;
        return new Step("argocd-resource-health", "keep each resource's health in its Application (" + key + ")",
                () -> {
                    ConfigMap cm = central.configMaps().inNamespace(namespace).withName(configMap).get();
                    String current = cm == null || cm.getData() == null ? null : cm.getData().get(key);
                    return "true".equals(current) ? Step.alreadySo("boot.has-setting", configMap, key + "=true")
                            : Step.wouldChange("boot.set-and-restart", key + "=true", configMap);
                },
                report -> {
                    var resource = central.configMaps().inNamespace(namespace).withName(configMap);
                    if (resource.get() == null) {
                        central.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                                .withName(configMap).withNamespace(namespace)
                                .addToLabels("app.kubernetes.io/part-of", "argocd").endMetadata()
                                .addToData(key, "true").build()).create();
                    } else {
                        resource.edit(cm -> new ConfigMapBuilder(cm).addToData(Map.of(key, "true")).build());
                    }
                    var controller = central.apps().statefulSets().inNamespace(namespace).withName("argocd-application-controller");
                    if (controller.get() == null) {
                        return Note.of("boot.set-no-restart", key + "=true");
                    }
                    controller.edit(set -> new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder(set).editSpec().editTemplate()
                            .editOrNewMetadata().addToAnnotations("kubectl.kubernetes.io/restartedAt", java.time.Instant.now().toString())
                            .endMetadata().endTemplate().endSpec().build());
                    return Note.of("boot.set-restarted", key + "=true");
                });
    }

    private List<HasMetadata> installObjects() {
        return applier.parse(manifests.fetch(config.argocd().manifests(), config.argocd().manifestsLimit().asLongValue()), namespace);
    }

    static String summary(List<HasMetadata> objects) {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        objects.forEach(object -> byKind.merge(object.getKind(), 1L, Long::sum));
        StringBuilder text = new StringBuilder();
        byKind.forEach((kind, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(kind));
        return text.toString();
    }
}
