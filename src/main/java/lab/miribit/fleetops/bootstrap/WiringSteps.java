package lab.miribit.fleetops.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.fleet.FleetConfig;
import lab.miribit.fleetops.gitlab.GitLab;
import lab.miribit.fleetops.gitlab.GitLabConfig;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * The guide's {@code configure-argocd-gitlab.sh}: Argo CD may read the GitOps repository (a declarative
 * repository Secret with a read-only deploy token), the edge clusters are registered, the AppProject admits
 * only that repository and those clusters, and the root app-of-apps is created from configuration.
 */
@ApplicationScoped
class WiringSteps {

    static final String IN_CLUSTER = "https://kubernetes.default.svc";

    private final KubernetesClient central;
    private final BootstrapConfig config;
    private final FleetConfig fleet;
    private final GitLabConfig gitlabConfig;
    private final GitLab gitlab;
    private final ObjectApplier applier;
    private final ClusterRegistrar registrar;

    WiringSteps(KubernetesClient central, BootstrapConfig config, FleetConfig fleet, GitLabConfig gitlabConfig, GitLab gitlab,
            ObjectApplier applier, ClusterRegistrar registrar) {
        this.central = central;
        this.config = config;
        this.fleet = fleet;
        this.gitlabConfig = gitlabConfig;
        this.gitlab = gitlab;
        this.applier = applier;
        this.registrar = registrar;
    }

    List<Step> steps() {
        return List.of(repository(), clusters(), project(), root());
    }

    private Step repository() {
        return new Step("argocd-repository", "Argo CD's repository Secret for the GitOps repository, with a read-only deploy token",
                () -> {
                    String url = repositoryUrl();
                    Secret current = central.secrets().inNamespace(argocd()).withName(repositorySecretName()).get();
                    if (current != null && url.equals(SecretValue.of(current, "url")) && SecretValue.of(current, "password") != null) {
                        return Step.alreadySo("boot.has-credentials", url);
                    }
                    return Step.wouldChange("boot.create-deploy-token", argocd() + "/" + repositorySecretName(), url);
                },
                report -> {
                    String url = repositoryUrl();
                    if (!gitlab.configured()) {
                        throw new FleetProblem.Conflict("fleet-ops has no GitLab token (GITLAB_TOKEN) to create Argo CD's deploy token with");
                    }
                    GitLab.DeployToken token = GitLabSteps.gitlabCall(() -> gitlab.createDeployToken("argocd"));
                    applier.apply(central, new SecretBuilder().withMetadata(GitLabSteps.meta(repositorySecretName(), argocd()))
                            .editMetadata().addToLabels("argocd.argoproj.io/secret-type", "repository").endMetadata()
                            .withType("Opaque")
                            .addToData("type", GitLabSteps.base64("git"))
                            .addToData("url", GitLabSteps.base64(url))
                            .addToData("username", GitLabSteps.base64(token.username()))
                            .addToData("password", GitLabSteps.base64(token.token()))
                            .build());
                    return Note.of("boot.reads-with-token", url, token.username());
                });
    }

    private Step clusters() {
        List<String> names = new ArrayList<>(config.clusters().keySet());
        names.sort(null);
        return new Step("register-clusters", names.isEmpty() ? "register edge clusters (none configured)"
                : "register " + String.join(", ", names) + " with ServiceAccount tokens", () -> {
                    List<String> pending = new ArrayList<>();
                    for (String name : names) {
                        Kubeconfig kubeconfig = Kubeconfig.parse(kubeconfigOf(name));
                        if (!registrar.registered(name, kubeconfig.server())) {
                            pending.add(name);
                        }
                    }
                    if (!pending.isEmpty()) {
                        return Step.wouldChange("register-cluster", String.join(", ", pending));
                    }
                    return names.isEmpty() ? Step.alreadySo("boot.no-clusters") : Step.alreadySo("boot.holds-clusters", String.join(", ", names));
                }, report -> {
                    List<String> done = new ArrayList<>();
                    for (String name : names) {
                        String kubeconfig = kubeconfigOf(name);
                        if (!registrar.registered(name, Kubeconfig.parse(kubeconfig).server())) {
                            report.accept(registrar.register(registrar.check(name, kubeconfig), report));
                            done.add(name);
                        }
                    }
                    return Note.of("boot.registered", String.join(", ", done));
                });
    }

    private Step project() {
        return new Step("argocd-project", "AppProject " + config.project() + ": only the GitOps repository, only the fleet's clusters",
                () -> {
                    GenericKubernetesResource current = applier.find(central, "argoproj.io/v1alpha1", "AppProject", argocd(),
                            config.project());
                    Map<String, Object> wanted = projectSpec();
                    if (current == null) {
                        return Step.wouldChange("boot.create-appproject", config.project());
                    }
                    return Objects.equals(current.getAdditionalProperties().get("spec"), wanted)
                            ? Step.alreadySo("boot.appproject-admits", config.project(), destinations().size())
                            : Step.wouldChange("boot.update-appproject", config.project());
                },
                report -> {
                    GenericKubernetesResource project = resource("AppProject", config.project());
                    project.setAdditionalProperty("spec", projectSpec());
                    applier.apply(central, project);
                    return Note.of("boot.appproject-admits-repository", config.project(), repositoryUrl(), destinations().size());
                });
    }

    private Step root() {
        return new Step("root-application", "the root app-of-apps from " + config.root().path() + " at " + config.root().revision(),
                () -> {
                    GenericKubernetesResource current = applier.find(central, "argoproj.io/v1alpha1", "Application", argocd(),
                            "root-application");
                    if (current == null) {
                        return Step.wouldChange("boot.create-application", argocd() + "/root-application");
                    }
                    return Objects.equals(current.getAdditionalProperties().get("spec"), rootSpec())
                            ? Step.alreadySo("boot.application-as-configured", "root-application")
                            : Step.wouldChange("boot.update-application", argocd() + "/root-application");
                },
                report -> {
                    GenericKubernetesResource root = resource("Application", "root-application");
                    root.setAdditionalProperty("spec", rootSpec());
                    applier.apply(central, root);
                    return Note.of("boot.root-follows", repositoryUrl(), config.root().path(), config.root().revision());
                });
    }

    private Map<String, Object> projectSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("description", "The observability fleet (managed by fleet-ops)");
        spec.put("sourceRepos", List.of(repositoryUrl()));
        spec.put("destinations", destinations());
        spec.put("clusterResourceWhitelist", List.of(Map.of("group", "*", "kind", "*")));
        return spec;
    }

    /** The central cluster and every registered edge (cluster Secrets), any namespace. */
    private List<Map<String, Object>> destinations() {
        List<Map<String, Object>> destinations = new ArrayList<>();
        destinations.add(Map.of("server", IN_CLUSTER, "namespace", "*"));
        central.secrets().inNamespace(argocd()).withLabel("argocd.argoproj.io/secret-type", "cluster").list().getItems().stream()
                .map(secret -> SecretValue.of(secret, "server")).filter(Objects::nonNull).filter(server -> !IN_CLUSTER.equals(server))
                .sorted().distinct().forEach(server -> destinations.add(Map.of("server", server, "namespace", "*")));
        return destinations;
    }

    private Map<String, Object> rootSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", config.project());
        spec.put("source", Map.of("repoURL", repositoryUrl(), "path", config.root().path(), "targetRevision", config.root().revision()));
        spec.put("destination", Map.of("server", IN_CLUSTER, "namespace", argocd()));
        spec.put("syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true)));
        return spec;
    }

    private GenericKubernetesResource resource(String kind, String name) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("argoproj.io/v1alpha1");
        resource.setKind(kind);
        resource.setMetadata(GitLabSteps.meta(name, argocd()));
        return resource;
    }

    private String kubeconfigOf(String cluster) {
        String secretName = config.clusters().get(cluster).kubeconfigSecret();
        Secret secret = central.secrets().inNamespace(config.namespace()).withName(secretName).get();
        String kubeconfig = secret == null ? null : SecretValue.of(secret, "kubeconfig");
        if (kubeconfig == null) {
            throw new FleetProblem.Conflict("Secret " + config.namespace() + "/" + secretName + " with key kubeconfig for "
                    + cluster + " is missing");
        }
        return kubeconfig;
    }

    String repositoryUrl() {
        return config.repositoryUrl().orElseGet(() -> gitlabConfig.url().map(url -> url.toString().replaceAll("/+$", "") + "/"
                + gitlabConfig.project() + ".git").orElseThrow(() -> new FleetProblem.Conflict(
                        "set fleet.gitlab.url (or fleet.bootstrap.repository-url) so Argo CD knows where the GitOps repository is")));
    }

    private String repositorySecretName() {
        return "repo-" + gitlabConfig.project().replaceAll("[^a-zA-Z0-9]+", "-").toLowerCase(java.util.Locale.ROOT);
    }

    private String argocd() {
        return fleet.argocd().namespace();
    }
}
