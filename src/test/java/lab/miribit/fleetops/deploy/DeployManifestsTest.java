package lab.miribit.fleetops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** What `deploy/` holds: objects fabric8 can read, kustomizations that name real files, hardened workloads. */
class DeployManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Kinds of CRDs the manifests use (Argo CD, Prometheus operator, Sealed Secrets): generic, but with kind and apiVersion. */
    private static final List<String> CUSTOM_KINDS = List.of("Application", "ServiceMonitor", "PrometheusRule", "SealedSecret");

    @Test
    void everyManifestParsesIntoFabric8sTypedModels() throws IOException {
        List<Path> files = DeployManifests.objectFiles();
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            List<HasMetadata> objects = DeployManifests.objects(file);
            assertThat(objects).as(file.toString()).isNotEmpty();
            for (HasMetadata object : objects) {
                assertThat(object.getMetadata().getName()).as(file + ": a name").isNotBlank();
                if (object instanceof GenericKubernetesResource generic) {
                    assertThat(CUSTOM_KINDS).as(file + ": " + generic.getKind() + " is not a typed kind").contains(generic.getKind());
                    assertThat(generic.getApiVersion()).contains("/");
                }
            }
        }
    }

    @Test
    void everyFileAKustomizationNamesExists() throws IOException {
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(DeployManifests.ROOT)) {
            kustomizations = files.filter(file -> file.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(4);
        List<String> missing = new ArrayList<>();
        for (Path kustomization : kustomizations) {
            JsonNode k = YAML.readTree(kustomization.toFile());
            Path dir = kustomization.getParent();
            List<String> named = new ArrayList<>();
            k.path("resources").forEach(r -> named.add(r.asText()));
            k.path("patches").forEach(p -> {
                if (p.has("path")) {
                    named.add(p.path("path").asText());
                }
            });
            k.path("configMapGenerator").forEach(g -> g.path("files").forEach(f -> {
                String file = f.asText();
                named.add(file.contains("=") ? file.substring(file.indexOf('=') + 1) : file);
            }));
            for (String name : named) {
                Path target = dir.resolve(name).normalize();
                boolean exists = Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml"));
                if (!exists) {
                    missing.add(kustomization + " names " + name);
                }
            }
        }
        assertThat(missing).isEmpty();
        // and the dashboard it generates is Grafana JSON
        JsonNode dashboard = new ObjectMapper().readTree(DeployManifests.ROOT.resolve("fleet-ops/monitoring/dashboard.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyWorkloadRunsRestricted() throws IOException {
        List<HasMetadata> workloads = DeployManifests.all().stream()
                .filter(o -> o instanceof Deployment || o instanceof StatefulSet).toList();
        assertThat(workloads).extracting(o -> o.getMetadata().getName())
                .contains("fleet-ops", "gitlab-postgresql", "gitlab-redis");
        for (HasMetadata workload : workloads) {
            PodSpec pod = workload instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                    : ((StatefulSet) workload).getSpec().getTemplate().getSpec();
            String name = workload.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name + " seccomp").isEqualTo("RuntimeDefault");
            for (Container container : pod.getContainers()) {
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name + " privilege escalation").isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name + " capabilities").containsExactly("ALL");
                assertThat(container.getSecurityContext().getCapabilities().getAdd()).as(name).isNullOrEmpty();
                assertThat(container.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name + " limits").containsKey("memory");
                assertThat(container.getReadinessProbe()).as(name + " readiness").isNotNull();
            }
        }
    }

    /** Management endpoints (health, metrics, OpenAPI) are reachable inside the cluster for Prometheus, never from outside. */
    @Test
    void theManagementPortIsScrapedButNeverRoutedFromOutside() throws IOException {
        io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress = (io.fabric8.kubernetes.api.model.networking.v1.Ingress) DeployManifests
                .objects(Path.of("deploy/fleet-ops/base/ingress.yaml")).get(0);
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertThat(path.getPath()).as("an Ingress path").doesNotStartWith("/q").isNotEqualTo("/");
            assertThat(path.getBackend().getService().getPort().getName()).as(path.getPath()).isEqualTo("http");
        }));
        io.fabric8.kubernetes.api.model.Service service = (io.fabric8.kubernetes.api.model.Service) DeployManifests
                .objects(Path.of("deploy/fleet-ops/base/service.yaml")).get(0);
        assertThat(service.getSpec().getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
        });
        JsonNode monitor = YAML.readTree(Path.of("deploy/fleet-ops/monitoring/servicemonitor.yaml").toFile());
        assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("management");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy policy = (io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy) DeployManifests
                .objects(Path.of("deploy/fleet-ops/base/networkpolicy.yaml")).get(0);
        policy.getSpec().getIngress().forEach(rule -> {
            List<Integer> ports = rule.getPorts().stream().map(port -> port.getPort().getIntVal()).toList();
            List<String> namespaces = rule.getFrom().stream()
                    .map(peer -> peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")).toList();
            if (ports.contains(9000)) {
                assertThat(namespaces).as("who reaches the management port").containsExactly("monitoring");
            }
        });
    }

    @Test
    void fleetOpsItselfIsHardenedAndProbedWhereQuarkusAnswers() throws IOException {
        Deployment deployment = (Deployment) DeployManifests.objects(Path.of("deploy/fleet-ops/base/deployment.yaml")).get(0);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        // Quarkus serves health on its management interface (9000), not on the API's port.
        assertThat(Stream.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())
                .map(probe -> probe.getHttpGet().getPort().getStrVal())).containsOnly("management");
        assertThat(container.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getContainerPort()).isEqualTo(9000);
        });
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("fleet-ops");
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).allMatch(v -> v.getEmptyDir() != null);
        // The Ingress keeps fleet-ops' body limit and host.
        HasMetadata ingress = DeployManifests.objects(Path.of("deploy/fleet-ops/base/ingress.yaml")).get(0);
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "1m");
        assertThat(((io.fabric8.kubernetes.api.model.networking.v1.Ingress) ingress).getSpec().getRules().get(0).getHost())
                .isEqualTo("fleet.k8s-cluster-01.miribit.lab");
    }

    @Test
    void theAlertsCoverTheGuidesThresholds() throws IOException {
        JsonNode spec = YAML.readTree(Path.of("deploy/fleet-ops/monitoring/prometheusrule.yaml").toFile()).path("spec");
        Map<String, JsonNode> alerts = new java.util.LinkedHashMap<>();
        spec.path("groups").forEach(group -> group.path("rules").forEach(r -> alerts.put(r.path("alert").asText(), r)));
        assertThat(alerts.get("FleetCertificateExpiresSoon").path("expr").asText()).endsWith("< 14 * 86400");
        assertThat(alerts.get("FleetCertificateExpiresSoon").path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(alerts.get("FleetCertificateExpiresVerySoon").path("expr").asText()).endsWith("< 7 * 86400");
        assertThat(alerts.get("FleetCertificateExpiresVerySoon").path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(alerts.get("FleetS3Down").path("expr").asText()).contains("fleet_s3_up");
        assertThat(alerts.get("FleetS3Down").path("for").asText()).isEqualTo("10m");
        assertThat(alerts.get("FleetOperationsFailing").path("expr").asText()).contains("fleet_operations_total{outcome=\"failed\"}");
        assertThat(alerts.get("FleetClusterUnreachable").path("expr").asText()).contains("fleet_cluster_connection{state=\"Failed\"}");
    }
}
