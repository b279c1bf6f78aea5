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
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

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
        central.apiextensions().v1().customResourceDefinitions().resource(applicationCrd()).create();
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
        for (DemoApp app : apps(centralName, edgeNames)) {
            central.genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace(argocdNamespace)
                    .resource(application(app, centralName)).create();
        }
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

    public static CustomResourceDefinition applicationCrd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("applications.argoproj.io").endMetadata()
                .withNewSpec()
                .withGroup("argoproj.io")
                .withScope("Namespaced")
                .withNewNames().withKind("Application").withListKind("ApplicationList").withPlural("applications")
                .withSingular("application").withShortNames("app", "apps").endNames()
                .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
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
        boolean manual = MANUAL_APPS.contains(app.name());
        Map<String, Object> source = source(app);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", app.component().startsWith("apps-") || app.component().equals("root") ? "default" : PROJECT);
        spec.put("source", source);
        spec.put("destination", app.cluster().equals(centralName)
                ? Map.of("server", "https://kubernetes.default.svc", "namespace", app.namespace())
                : Map.of("name", app.cluster(), "namespace", app.namespace()));
        Map<String, Object> syncPolicy = new LinkedHashMap<>();
        if (!manual) {
            syncPolicy.put("automated", Map.of("prune", true, "selfHeal", true));
        }
        syncPolicy.put("syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true"));
        spec.put("syncPolicy", syncPolicy);
        spec.put("revisionHistoryLimit", 10);

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
        resource.setAdditionalProperty("status", status(app, source));
        return resource;
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

    private Map<String, Object> status(DemoApp app, Map<String, Object> source) {
        String head = revision("main@" + app.name());
        String previous = revision("previous@" + app.name());
        String older = revision("older@" + app.name());
        String sync = "Synced";
        String health = "Healthy";
        String healthMessage = null;
        List<Map<String, Object>> conditions = new ArrayList<>();
        Map<String, Object> operationState = succeededOperation(head, now.minus(2, ChronoUnit.HOURS));
        List<Map<String, Object>> resources = new ArrayList<>();
        resources.add(resource("apps", "Deployment", app.namespace(), app.component(), "Synced", "Healthy", null));
        switch (app.name()) {
            case OUT_OF_SYNC_APP -> {
                sync = "OutOfSync";
                resources.set(0, resource("", "ConfigMap", "monitoring", "grafana-dashboards", "OutOfSync", "Healthy", null));
                resources.add(resource("apps", "Deployment", "monitoring", "grafana", "Synced", "Healthy", null));
            }
            case DEGRADED_APP -> {
                health = "Degraded";
                healthMessage = "DaemonSet \"fluent-bit\" has 0 of 3 pods ready (CrashLoopBackOff)";
                resources.set(0, resource("apps", "DaemonSet", "logging", "fluent-bit", "Synced", "Degraded",
                        "0 of 3 pods ready"));
            }
            case PROGRESSING_APP -> {
                health = "Progressing";
                healthMessage = "Waiting for 1 pods to be ready (PersistentVolumeClaim data-opensearch-cluster-master-0 is Pending)";
                resources.set(0, resource("apps", "StatefulSet", "logging", "opensearch-cluster-master", "Synced", "Progressing",
                        "Waiting for 1 pods to be ready"));
            }
            case RENDER_ERROR_APP -> {
                sync = "Unknown";
                resources.clear();
                conditions.add(Map.of("type", "ComparisonError", "message", RENDER_ERROR, "lastTransitionTime",
                        now.minus(45, ChronoUnit.MINUTES).toString()));
            }
            case FAILING_APP -> {
                sync = "OutOfSync";
                health = "Missing";
                resources.set(0, resource("apps", "Deployment", "monitoring", "thanos-compactor", "OutOfSync", "Missing", null));
                operationState = failedOperation(head, now.minus(30, ChronoUnit.MINUTES), FAILING_MESSAGE);
                conditions.add(Map.of("type", "SyncError", "message", FAILING_MESSAGE, "lastTransitionTime",
                        now.minus(30, ChronoUnit.MINUTES).toString()));
            }
            default -> {
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sync", Map.of("status", sync, "revision", head));
        Map<String, Object> healthStatus = new LinkedHashMap<>();
        healthStatus.put("status", health);
        if (healthMessage != null) {
            healthStatus.put("message", healthMessage);
        }
        status.put("health", healthStatus);
        status.put("operationState", operationState);
        status.put("history", List.of(
                history(1, older, now.minus(10, ChronoUnit.DAYS), source),
                history(2, previous, now.minus(3, ChronoUnit.DAYS), source),
                history(3, head, now.minus(2, ChronoUnit.HOURS), source)));
        status.put("resources", resources);
        status.put("conditions", conditions);
        status.put("reconciledAt", now.minus(3, ChronoUnit.MINUTES).toString());
        return status;
    }

    private static Map<String, Object> resource(String group, String kind, String namespace, String name, String sync,
            String health, String message) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("group", group);
        r.put("version", "v1");
        r.put("kind", kind);
        r.put("namespace", namespace);
        r.put("name", name);
        r.put("status", sync);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", health);
        if (message != null) {
            h.put("message", message);
        }
        r.put("health", h);
        return r;
    }

    private static Map<String, Object> succeededOperation(String revision, Instant at) {
        return Map.of("operation", Map.of("sync", Map.of("revision", revision), "initiatedBy", Map.of("automated", true)),
                "phase", "Succeeded", "message", "successfully synced (all tasks run)",
                "syncResult", Map.of("revision", revision), "startedAt", at.minusSeconds(40).toString(),
                "finishedAt", at.toString());
    }

    private static Map<String, Object> failedOperation(String revision, Instant at, String message) {
        return Map.of("operation", Map.of("sync", Map.of("revision", revision), "initiatedBy", Map.of("username", "admin")),
                "phase", "Failed", "message", message, "syncResult", Map.of("revision", revision),
                "startedAt", at.minusSeconds(12).toString(), "finishedAt", at.toString(), "retryCount", 0);
    }

    private static Map<String, Object> history(long id, String revision, Instant at, Map<String, Object> source) {
        return Map.of("id", id, "revision", revision, "deployedAt", at.toString(),
                "deployStartedAt", at.minusSeconds(40).toString(), "source", source,
                "initiatedBy", Map.of("automated", true));
    }

    /** A stable 40-hex "commit SHA" for a label, so the demo's Git history looks and stays the same across runs. */
    static String revision(String label) {
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
