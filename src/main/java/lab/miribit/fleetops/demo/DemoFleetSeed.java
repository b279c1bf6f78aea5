package lab.miribit.fleetops.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import lab.miribit.fleetops.argocd.ArgoCdSettings;

/**
 * The guide's fleet (FLEET.md) as resources: the Application CRD, cluster Secrets and the app-of-apps tree on
 * the central API server, with realistic trouble seeded in: one application OutOfSync, one Degraded, one stuck
 * Progressing and one whose sync fails.
 */
public final class DemoFleetSeed {

    public static final String REPO_URL = "http://gitlab.k8s-cluster-01.miribit.lab/observability/thanos-multi-cluster.git";
    public static final String PROJECT = "observability";
    public static final String ROLE_LABEL = "fleet-ops.miribit.lab/role";

    /** Seeded trouble, also what the simulator keeps doing after a sync. */
    public static final String OUT_OF_SYNC_APP = "grafana-cluster-01";
    public static final String DEGRADED_APP = "fluent-bit-cluster-04";
    public static final String PROGRESSING_APP = "opensearch-cluster-01";
    public static final String FAILING_APP = "thanos-compactor-cluster-01";
    public static final String RENDER_ERROR_APP = "opensearch-dashboards-cluster-01";
    public static final String RENDER_ERROR = "Manifest generation error (cached): `kustomize build --enable-helm "
            + "deploy/overlays/cluster-01-central/opensearch-dashboards` failed exit status 1: Error: accumulating resources: "
            + "evalsymlink failure on 'deploy/overlays/cluster-01-central/opensearch-dashboards/ingress.yaml': no such file or directory";
    public static final String FAILING_MESSAGE = "one or more objects failed to apply, reason: Deployment.apps \"thanos-compactor\""
            + " is invalid: spec.template.spec.containers[0].image: Required value";

    /** Applications whose automated sync the guide leaves off, so people sync them by hand. */
    private static final List<String> MANUAL_APPS = List.of(OUT_OF_SYNC_APP, FAILING_APP, "opensearch-dashboards-cluster-01");

    /** gitops-engine's health order, best to worst (pkg/health/health.go IsWorse). */
    private static final List<String> HEALTH_ORDER = List.of("Healthy", "Suspended", "Progressing", "Missing", "Degraded",
            "Unknown");

    private final String argocdNamespace;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    public DemoFleetSeed(String argocdNamespace) {
        this.argocdNamespace = argocdNamespace;
    }

    /** An application of the demo fleet: its name, destination cluster, component path and sync wave. */
    public record DemoApp(String name, String cluster, String role, String component, String namespace, int wave) {
    }

    public static List<DemoApp> apps(String central, List<String> edges) {
        List<DemoApp> apps = new ArrayList<>();
        apps.add(new DemoApp("root-application", central, "central", "root", "argocd", 0));
        for (String cluster : concat(central, edges)) {
            apps.add(new DemoApp(cluster + "-apps", central, "central", "apps-" + cluster, "argocd", 0));
        }
        String c = central;
        apps.add(new DemoApp("namespaces-" + c, c, "central", "namespaces", "default", 0));
        apps.add(new DemoApp("longhorn-" + c, c, "central", "longhorn", "longhorn-system", 1));
        apps.add(new DemoApp("prometheus-operator-" + c, c, "central", "prometheus-operator", "monitoring", 2));
        apps.add(new DemoApp("opensearch-operator-" + c, c, "central", "opensearch-operator", "logging", 2));
        apps.add(new DemoApp("fluent-operator-" + c, c, "central", "fluent-operator", "logging", 2));
        apps.add(new DemoApp("kube-prometheus-stack-" + c, c, "central", "kube-prometheus-stack", "monitoring", 3));
        apps.add(new DemoApp("thanos-receiver-" + c, c, "central", "thanos-receiver", "monitoring", 3));
        apps.add(new DemoApp("thanos-query-" + c, c, "central", "thanos-query", "monitoring", 3));
        apps.add(new DemoApp("thanos-store-" + c, c, "central", "thanos-store", "monitoring", 3));
        apps.add(new DemoApp("thanos-compactor-" + c, c, "central", "thanos-compactor", "monitoring", 3));
        apps.add(new DemoApp("opensearch-" + c, c, "central", "opensearch", "logging", 4));
        apps.add(new DemoApp("grafana-" + c, c, "central", "grafana", "monitoring", 5));
        apps.add(new DemoApp("opensearch-dashboards-" + c, c, "central", "opensearch-dashboards", "logging", 5));
        for (String e : edges) {
            apps.add(new DemoApp("namespaces-" + e, e, "edge", "namespaces", "default", 0));
            apps.add(new DemoApp("longhorn-" + e, e, "edge", "longhorn", "longhorn-system", 1));
            apps.add(new DemoApp("fluent-operator-" + e, e, "edge", "fluent-operator", "logging", 2));
            apps.add(new DemoApp("prometheus-agent-" + e, e, "edge", "prometheus-agent", "monitoring", 3));
            apps.add(new DemoApp("fluent-bit-" + e, e, "edge", "fluent-bit", "logging", 4));
        }
        return apps;
    }

    /** Cluster whose Secret holds a kubeadm-style client certificate that expires in {@link #EXPIRING_DAYS} days. */
    public static final String EXPIRING_CLIENT_CERT_CLUSTER = "cluster-03";
    public static final int EXPIRING_DAYS = 10;

    public void seedCentral(KubernetesClient central, String centralName, List<EmbeddedApiServer> edges) {
        for (String ns : List.of(argocdNamespace, "gitlab", "monitoring", "logging", "longhorn-system")) {
            central.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        central.apiextensions().v1().customResourceDefinitions().resource(applicationCrd(ArgoCdVersion.V3_1)).create();
        central.apiextensions().v1().customResourceDefinitions().resource(appProjectCrd()).create();
        for (GenericKubernetesResource project : List.of(project("default"), project(PROJECT))) {
            central.genericKubernetesResources("argoproj.io/v1alpha1", "AppProject").inNamespace(argocdNamespace)
                    .resource(project).create();
        }
        // As bootstrap leaves Argo CD: app-of-apps parents judge their children's health (docs/operator-manual/health.md).
        central.configMaps().inNamespace(argocdNamespace).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName(ArgoCdSettings.ARGOCD_CM).withNamespace(argocdNamespace)
                .addToLabels("app.kubernetes.io/part-of", "argocd").endMetadata()
                .addToData(ArgoCdSettings.APPLICATION_HEALTH_KEY, ArgoCdSettings.APPLICATION_HEALTH_LUA).build()).create();
        central.secrets().inNamespace(argocdNamespace).resource(clusterSecret(centralName, "https://kubernetes.default.svc",
                "central", null, null)).create();
        CertificateAuthority kubeadm = CertificateAuthority.create("kubernetes");
        for (EmbeddedApiServer edge : edges) {
            // The guide copies the admin kubeconfig's client certificate into the Secret; kubeadm issues it for a year.
            CertificateAuthority.Issued admin = edge.name().equals(EXPIRING_CLIENT_CERT_CLUSTER)
                    ? kubeadm.issue("O=system:masters,CN=kubernetes-admin", now.minus(365 - EXPIRING_DAYS, ChronoUnit.DAYS),
                            now.plus(EXPIRING_DAYS, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS), List.of())
                    : null;
            central.secrets().inNamespace(argocdNamespace).resource(clusterSecret(edge.name(), edge.url(), "edge",
                    "demo-token-" + edge.name(), edge.caData(), admin)).create();
        }
        List<String> edgeNames = edges.stream().map(EmbeddedApiServer::name).toList();
        List<DemoApp> apps = apps(centralName, edgeNames);
        Map<String, String> health = new LinkedHashMap<>();
        List<GenericKubernetesResource> resources = new ArrayList<>();
        // Leaves first, then each cluster's app-of-apps, then the root: a parent's health is its children's worst.
        for (DemoApp app : apps.stream().filter(a -> !parent(a)).toList()) {
            GenericKubernetesResource resource = application(app, centralName);
            health.put(app.name(), seededHealth(app.name()));
            resources.add(resource);
        }
        for (DemoApp app : apps.stream().filter(a -> a.component().startsWith("apps-")).toList()) {
            String cluster = app.component().substring("apps-".length());
            List<String> children = apps.stream().filter(a -> !parent(a) && a.cluster().equals(cluster)).map(DemoApp::name).toList();
            resources.add(parentApplication(app, centralName, children, health));
        }
        for (DemoApp app : apps.stream().filter(a -> a.component().equals("root")).toList()) {
            List<String> children = apps.stream().filter(a -> a.component().startsWith("apps-")).map(DemoApp::name).toList();
            resources.add(parentApplication(app, centralName, children, health));
        }
        for (GenericKubernetesResource resource : resources) {
            central.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace(argocdNamespace)
                    .resource(resource).create();
        }
    }

    private static boolean parent(DemoApp app) {
        return app.component().equals("root") || app.component().startsWith("apps-");
    }

    /** An AppProject as the guide's projects are: any source and destination of the fleet, no sync windows. */
    private GenericKubernetesResource project(String name) {
        GenericKubernetesResource project = new GenericKubernetesResource();
        project.setApiVersion("argoproj.io/v1alpha1");
        project.setKind("AppProject");
        project.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(argocdNamespace)
                .build());
        project.setAdditionalProperty("spec", Map.of(
                "description", name.equals("default") ? "Argo CD's default project" : "the guide's monitoring and logging stack",
                "sourceRepos", List.of(name.equals("default") ? "*" : REPO_URL),
                "destinations", List.of(Map.of("server", "*", "namespace", "*"), Map.of("name", "*", "namespace", "*")),
                "clusterResourceWhitelist", List.of(Map.of("group", "*", "kind", "*"))));
        return project;
    }

    /** An edge cluster's workloads: Prometheus agent, Fluent Bit and Longhorn, with Fluent Bit crash-looping where it is Degraded. */
    public void seedEdge(KubernetesClient edge, boolean fluentBitCrashing) {
        for (String ns : List.of("monitoring", "logging", "longhorn-system")) {
            edge.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        edge.apps().deployments().inNamespace("monitoring").resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("prometheus-agent").withNamespace("monitoring").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "prometheus-agent").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "prometheus-agent").endMetadata()
                .withNewSpec().addNewContainer().withName("prometheus").withImage("quay.io/prometheus/prometheus:v2.54.1")
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).endStatus()
                .build()).create();
        edge.pods().inNamespace("monitoring").resource(pod("prometheus-agent-0", "monitoring", "prometheus-agent", null)).create();
        for (String[] daemonSet : new String[][] { { "logging", "fluent-bit" }, { "longhorn-system", "longhorn-manager" } }) {
            boolean crashing = fluentBitCrashing && daemonSet[1].equals("fluent-bit");
            edge.apps().daemonSets().inNamespace(daemonSet[0]).resource(new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder()
                    .withNewMetadata().withName(daemonSet[1]).withNamespace(daemonSet[0]).endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", daemonSet[1]).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", daemonSet[1]).endMetadata()
                    .withNewSpec().addNewContainer().withName(daemonSet[1]).withImage(daemonSet[1] + ":demo").endContainer()
                    .endSpec().endTemplate().endSpec()
                    .withNewStatus().withDesiredNumberScheduled(3).withNumberReady(crashing ? 0 : 3).endStatus()
                    .build()).create();
            for (int node = 1; node <= 3; node++) {
                edge.pods().inNamespace(daemonSet[0]).resource(pod(daemonSet[1] + "-node" + node, daemonSet[0], daemonSet[1],
                        crashing ? "CrashLoopBackOff" : null)).create();
            }
        }
    }

    /**
     * The central cluster's workloads behind the seeded trouble: OpenSearch waiting for a volume claim Longhorn
     * never binds, and GitLab whose webservice does not become ready.
     */
    public void seedCentralWorkloads(KubernetesClient central) {
        central.persistentVolumeClaims().inNamespace("logging").resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data-opensearch-cluster-master-0").withNamespace("logging").endMetadata()
                .withNewSpec().withStorageClassName("longhorn").withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("50Gi")).endResources().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build()).create();
        central.pods().inNamespace("logging").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("opensearch-cluster-master-0").withNamespace("logging").endMetadata()
                .withNewSpec().addNewContainer().withName("opensearch").withImage("opensearchproject/opensearch:2.17.1")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.")
                .endCondition().endStatus().build()).create();
        for (String[] gitlab : new String[][] { { "gitlab-postgresql-0", "True" }, { "gitlab-redis-master-0", "True" },
                { "gitlab-webservice-default-7d9c8b6f5-x2k4q", "False" } }) {
            central.pods().inNamespace("gitlab").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata().withName(gitlab[0]).withNamespace("gitlab").endMetadata()
                    .withNewSpec().addNewContainer().withName("main").withImage("gitlab:demo").endContainer().endSpec()
                    .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(gitlab[1]).endCondition()
                    .endStatus().build()).create();
        }
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String name, String namespace, String app, String waitingReason) {
        io.fabric8.kubernetes.api.model.ContainerStateBuilder state = new io.fabric8.kubernetes.api.model.ContainerStateBuilder();
        if (waitingReason == null) {
            state.withNewRunning().withStartedAt(Instant.now().minus(1, ChronoUnit.DAYS).toString()).endRunning();
        } else {
            state.withNewWaiting().withReason(waitingReason)
                    .withMessage("back-off 5m0s restarting failed container=" + app).endWaiting();
        }
        return new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName(app).withImage(app + ":demo").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewContainerStatus().withName(app).withReady(waitingReason == null)
                .withRestartCount(waitingReason == null ? 0 : 42).withState(state.build()).endContainerStatus()
                .endStatus().build();
    }

    /** The Argo CD versions whose Application schema the demo can serve. */
    public enum ArgoCdVersion {
        /** Argo CD 3.0.x: no {@code spec.syncPolicy.automated.enabled} (added in 3.1.0). */
        V3_0,
        /** Argo CD 3.1.x, the version bootstrap installs. */
        V3_1
    }

    /** The Application CRD of {@code version}, from the schema kept in {@code demo/crds}. */
    public static CustomResourceDefinition applicationCrd(ArgoCdVersion version) {
        CustomResourceDefinition crd = crd("demo/crds/applications.argoproj.io.yaml");
        if (version == ArgoCdVersion.V3_0) {
            crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties()
                    .get("syncPolicy").getProperties().get("automated").getProperties().remove("enabled");
        }
        return crd;
    }

    public static CustomResourceDefinition appProjectCrd() {
        return crd("demo/crds/appprojects.argoproj.io.yaml");
    }

    private static CustomResourceDefinition crd(String resource) {
        try (java.io.InputStream in = DemoFleetSeed.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An Argo CD declarative cluster Secret; {@code caData} null means the in-cluster central cluster. */
    public io.fabric8.kubernetes.api.model.Secret clusterSecret(String name, String server, String role, String token,
            String caData) {
        return clusterSecret(name, server, role, token, caData, null);
    }

    /** The same, authenticating with a client certificate as well, the way the guide's kubeconfig-derived Secrets do. */
    public io.fabric8.kubernetes.api.model.Secret clusterSecret(String name, String server, String role, String token,
            String caData, CertificateAuthority.Issued client) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("server", server);
        String clientTls = client == null ? "" : ",\"certData\":\"" + client.certificateData() + "\",\"keyData\":\""
                + client.keyData() + "\"";
        data.put("config", token == null ? "{\"tlsClientConfig\":{\"insecure\":false}}"
                : "{\"bearerToken\":\"" + token + "\",\"tlsClientConfig\":{\"insecure\":false,\"caData\":\"" + caData + "\""
                        + clientTls + "}}");
        return new SecretBuilder().withNewMetadata().withName("cluster-" + name).withNamespace(argocdNamespace)
                .addToLabels("argocd.argoproj.io/secret-type", "cluster").addToLabels(ROLE_LABEL, role).endMetadata()
                .withType("Opaque").withStringData(data).build();
    }

    public GenericKubernetesResource application(DemoApp app, String centralName) {
        Map<String, Object> source = source(app);
        return resource(app, centralName, source, status(app, source));
    }

    /**
     * An app-of-apps parent: its resources are its children's Applications, and with the Application health check
     * in argocd-cm its health is their worst, their Missing and Unknown aside (controller/health.go).
     */
    private GenericKubernetesResource parentApplication(DemoApp app, String centralName, List<String> children,
            Map<String, String> childHealth) {
        Map<String, Object> source = source(app);
        Map<String, Object> status = status(app, source);
        List<Map<String, Object>> resources = new ArrayList<>();
        String worst = "Healthy";
        for (String child : children) {
            resources.add(resource("argoproj.io", "Application", argocdNamespace, child, "Synced"));
            String health = childHealth.getOrDefault(child, "Healthy");
            if (!health.equals("Missing") && !health.equals("Unknown") && HEALTH_ORDER.indexOf(health) > HEALTH_ORDER.indexOf(worst)) {
                worst = health;
            }
        }
        status.put("resources", resources);
        status.put("health", Map.of("status", worst, "lastTransitionTime", now.minus(20, ChronoUnit.MINUTES).toString()));
        childHealth.put(app.name(), worst);
        return resource(app, centralName, source, status);
    }

    private GenericKubernetesResource resource(DemoApp app, String centralName, Map<String, Object> source,
            Map<String, Object> status) {
        boolean manual = MANUAL_APPS.contains(app.name());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", parent(app) ? "default" : PROJECT);
        spec.put("source", source);
        spec.put("destination", destination(app, centralName));
        Map<String, Object> syncPolicy = new LinkedHashMap<>();
        if (!manual) {
            syncPolicy.put("automated", Map.of("prune", true, "selfHeal", true));
        }
        syncPolicy.put("syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true"));
        spec.put("syncPolicy", syncPolicy);
        spec.put("revisionHistoryLimit", 10);
        // What the controller compared last (controller/state.go): the spec as it is, so nothing looks changed.
        Map<String, Object> sync = new LinkedHashMap<>(map(status.get("sync")));
        sync.put("comparedTo", Map.of("source", source, "destination", spec.get("destination")));
        status.put("sync", sync);

        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("argoproj.io/v1alpha1");
        resource.setKind("Application");
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(app.name()).withNamespace(argocdNamespace)
                .addToAnnotations(lab.miribit.fleetops.argocd.Application.SYNC_WAVE_ANNOTATION, String.valueOf(app.wave()))
                .addToLabels("fleet-ops.miribit.lab/cluster", app.cluster())
                .withFinalizers("resources-finalizer.argocd.argoproj.io")
                .build());
        resource.setAdditionalProperty("spec", spec);
        resource.setAdditionalProperty("status", status);
        return resource;
    }

    private static Map<String, Object> destination(DemoApp app, String centralName) {
        return app.cluster().equals(centralName)
                ? Map.of("server", "https://kubernetes.default.svc", "namespace", app.namespace())
                : Map.of("name", app.cluster(), "namespace", app.namespace());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> source(DemoApp app) {
        String path = switch (app.component()) {
            case "root" -> "argocd/applications";
            default -> app.component().startsWith("apps-") ? "argocd/applications/" + app.component().substring(5)
                    : "deploy/overlays/" + app.cluster() + "-" + app.role() + "/" + app.component();
        };
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", REPO_URL);
        source.put("path", path);
        source.put("targetRevision", "main");
        return source;
    }

    /** The seeded trouble's health, as Argo CD 3.x shows it: an application's health has a status and no message. */
    private static String seededHealth(String app) {
        return switch (app) {
            case DEGRADED_APP -> "Degraded";
            case PROGRESSING_APP -> "Progressing";
            case FAILING_APP -> "Missing";
            default -> "Healthy";
        };
    }

    /**
     * A leaf application's status as the 3.x controller writes it: per-resource health is not kept in the
     * Application (its default since 3.0, {@code resourceHealthSource: appTree}), history ids start at 0, and a
     * manual application's failed sync leaves its operation state, not a SyncError condition (only auto-sync adds one).
     */
    private Map<String, Object> status(DemoApp app, Map<String, Object> source) {
        String head = revision("main@" + app.name());
        String previous = revision("previous@" + app.name());
        String older = revision("older@" + app.name());
        String sync = "Synced";
        List<Map<String, Object>> conditions = new ArrayList<>();
        Map<String, Object> operationState = succeededOperation(head, now.minus(2, ChronoUnit.HOURS), source);
        List<Map<String, Object>> resources = new ArrayList<>();
        resources.add(resource("apps", "Deployment", app.namespace(), app.component(), "Synced"));
        switch (app.name()) {
            case OUT_OF_SYNC_APP -> {
                sync = "OutOfSync";
                resources.set(0, resource("", "ConfigMap", "monitoring", "grafana-dashboards", "OutOfSync"));
                resources.add(resource("apps", "Deployment", "monitoring", "grafana", "Synced"));
            }
            case DEGRADED_APP -> resources.set(0, resource("apps", "DaemonSet", "logging", "fluent-bit", "Synced"));
            case PROGRESSING_APP -> resources.set(0, resource("apps", "StatefulSet", "logging", "opensearch-cluster-master", "Synced"));
            case RENDER_ERROR_APP -> {
                sync = "Unknown";
                resources.clear();
                conditions.add(Map.of("type", "ComparisonError", "message", RENDER_ERROR, "lastTransitionTime",
                        now.minus(45, ChronoUnit.MINUTES).toString()));
            }
            case FAILING_APP -> {
                sync = "OutOfSync";
                resources.set(0, resource("apps", "Deployment", "monitoring", "thanos-compactor", "OutOfSync"));
                operationState = failedOperation(head, now.minus(30, ChronoUnit.MINUTES), FAILING_MESSAGE, source);
            }
            default -> {
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sync", Map.of("status", sync, "revision", head));
        status.put("health", Map.of("status", seededHealth(app.name()), "lastTransitionTime",
                now.minus(20, ChronoUnit.MINUTES).toString()));
        status.put("operationState", operationState);
        status.put("history", List.of(
                history(0, older, now.minus(10, ChronoUnit.DAYS), source),
                history(1, previous, now.minus(3, ChronoUnit.DAYS), source),
                history(2, head, now.minus(2, ChronoUnit.HOURS), source)));
        status.put("resources", resources);
        status.put("resourceHealthSource", "appTree");
        status.put("conditions", conditions);
        status.put("reconciledAt", now.minus(3, ChronoUnit.MINUTES).toString());
        return status;
    }

    private static Map<String, Object> resource(String group, String kind, String namespace, String name, String sync) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("group", group);
        r.put("version", group.equals("argoproj.io") ? "v1alpha1" : "v1");
        r.put("kind", kind);
        r.put("namespace", namespace);
        r.put("name", name);
        r.put("status", sync);
        return r;
    }

    private static Map<String, Object> succeededOperation(String revision, Instant at, Map<String, Object> source) {
        return Map.of("operation", Map.of("sync", Map.of("revision", revision, "prune", true,
                        "syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true")),
                        "initiatedBy", Map.of("automated", true), "retry", Map.of("limit", 5)),
                "phase", "Succeeded", "message", "successfully synced (all tasks run)",
                "syncResult", Map.of("revision", revision, "source", source), "startedAt", at.minusSeconds(40).toString(),
                "finishedAt", at.toString());
    }

    private static Map<String, Object> failedOperation(String revision, Instant at, String message, Map<String, Object> source) {
        return Map.of("operation", Map.of("sync", Map.of("revision", revision,
                        "syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true")),
                        "initiatedBy", Map.of("username", "admin")),
                "phase", "Failed", "message", message, "syncResult", Map.of("revision", revision, "source", source),
                "startedAt", at.minusSeconds(12).toString(), "finishedAt", at.toString(), "retryCount", 0);
    }

    private static Map<String, Object> history(long id, String revision, Instant at, Map<String, Object> source) {
        return Map.of("id", id, "revision", revision, "deployedAt", at.toString(),
                "deployStartedAt", at.minusSeconds(40).toString(), "source", source,
                "initiatedBy", Map.of("automated", true));
    }

    /** A stable 40-hex "commit SHA" for a label, so the demo's Git history looks and stays the same across runs. */
    public static String revision(String label) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(label.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
