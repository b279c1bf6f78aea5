package lab.miribit.fleetops.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.quarkus.test.junit.QuarkusTest;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;

/**
 * The path-to-applications table, on Applications as Argo CD stores them: single and multi-source, with and
 * without {@code .git}, nested paths and a sibling whose name only starts like another's path.
 */
@QuarkusTest
class ChangedApplicationsTest {

    private static final String REPO = "https://gitlab.k8s-cluster-01.miribit.lab/observability/thanos-multi-cluster";
    private static final String CHARTS = "https://prometheus-community.github.io/helm-charts";
    private static final List<String> APPS = List.of("table-multi-source", "table-no-git-suffix", "table-nested",
            "table-nested-sibling", "table-other-repo", "table-whole-repo-elsewhere", "table-values-by-ref");

    @InjectFleet
    EmbeddedFleet fleet;

    @Inject
    ChangedApplications changed;

    @Inject
    ApplicationCache cache;

    @BeforeEach
    void createApplications() {
        // A Helm chart from a chart repository with its values from the GitOps repository (Argo CD's "sources").
        create("table-multi-source", null, List.of(
                source(CHARTS, null, "kube-prometheus-stack"),
                source(REPO + ".git", "deploy/overlays/cluster-02-edge/table-values", null)));
        // The chart's values from the GitOps repository by reference ("ref: values", "$values/..."): only that file counts.
        Map<String, Object> chart = source(CHARTS, null, "thanos");
        chart.put("helm", Map.of("releaseName", "thanos", "valueFiles", List.of("$values/deploy/values/thanos/values.yaml")));
        Map<String, Object> values = source(REPO + ".git", null, null);
        values.put("ref", "values");
        create("table-values-by-ref", null, List.of(chart, values));
        create("table-no-git-suffix", source(REPO, "deploy/overlays/cluster-03-edge/table-plain", null), null);
        create("table-nested", source(REPO + ".git", "deploy/overlays/cluster-04-edge/table", null), null);
        create("table-nested-sibling", source(REPO + ".git", "deploy/overlays/cluster-04-edge/table-extra", null), null);
        create("table-other-repo", source("https://gitlab.k8s-cluster-01.miribit.lab/observability/other.git",
                "deploy/overlays/cluster-02-edge/table-values", null), null);
        create("table-whole-repo-elsewhere", source("git@gitlab.example:team/monorepo.git", "", null), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> APPS.stream().allMatch(app -> cache.find(app).isPresent()));
    }

    @AfterEach
    void deleteApplications() {
        APPS.forEach(app -> applications().withName(app).delete());
        await().atMost(Duration.ofSeconds(10)).until(() -> APPS.stream().noneMatch(app -> cache.find(app).isPresent()));
    }

    @Test
    void eachChangedPathSelectsTheApplicationsWhoseSourceContainsIt() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        table.put("deploy/overlays/cluster-02-edge/table-values/values.yaml", List.of("table-multi-source"));
        table.put("deploy/overlays/cluster-03-edge/table-plain/kustomization.yaml", List.of("table-no-git-suffix"));
        table.put("deploy/overlays/cluster-04-edge/table/deep/down/patch.yaml", List.of("table-nested"));
        table.put("deploy/overlays/cluster-04-edge/table-extra/patch.yaml", List.of("table-nested-sibling"));
        table.put("deploy/overlays/cluster-04-edge/table", List.of("table-nested"));
        table.put("/deploy/overlays/cluster-04-edge/table/", List.of("table-nested"));
        table.put("deploy/overlays/cluster-04-edge/tab", List.of());
        table.put("deploy/overlays/cluster-04-edge", List.of());
        table.put("README.md", List.of());
        table.put("deploy/values/thanos/values.yaml", List.of("table-values-by-ref"));
        table.put("deploy/values/thanos/other.yaml", List.of());
        table.forEach((path, expected) -> assertThat(tableApps(changed.affectedBy(REPO + "/", List.of(path))))
                .as(path).containsExactlyInAnyOrderElementsOf(expected));

        assertThat(tableApps(changed.affectedBy("HTTP://GITLAB.k8s-cluster-01.miribit.lab/observability/thanos-multi-cluster.git",
                List.of("deploy/overlays/cluster-02-edge/table-values/a.yaml", "deploy/overlays/cluster-04-edge/table/b.yaml"))))
                .containsExactlyInAnyOrder("table-multi-source", "table-nested");
        assertThat(tableApps(changed.affectedBy("git@gitlab.example:team/monorepo", List.of("anything/at/all.yaml"))))
                .containsExactly("table-whole-repo-elsewhere");
        // By GitLab project path, whatever host the applications use.
        assertThat(tableApps(changed.affectedInProject("observability/thanos-multi-cluster",
                List.of("deploy/overlays/cluster-03-edge/table-plain/x.yaml")))).containsExactly("table-no-git-suffix");
        // A push whose files are not all listed: every application tracking the pushed branch, as Argo CD's webhook.
        assertThat(tableApps(changed.trackingPush(REPO, "main", "main", null))).containsExactlyInAnyOrder("table-multi-source",
                "table-no-git-suffix", "table-nested", "table-nested-sibling", "table-values-by-ref");
        assertThat(tableApps(changed.trackingPush(REPO, "release-1", "main", null))).isEmpty();
    }

    private static List<String> tableApps(List<String> apps) {
        return apps.stream().filter(APPS::contains).toList();
    }

    private void create(String name, Map<String, Object> source, List<Map<String, Object>> sources) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", "default");
        if (source != null) {
            spec.put("source", source);
        }
        if (sources != null) {
            spec.put("sources", sources);
        }
        spec.put("destination", Map.of("name", "cluster-02", "namespace", "monitoring"));
        GenericKubernetesResource app = new GenericKubernetesResource();
        app.setApiVersion("argoproj.io/v1alpha1");
        app.setKind("Application");
        app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("argocd").build());
        app.setAdditionalProperty("spec", spec);
        applications().resource(app).create();
    }

    private static Map<String, Object> source(String repoURL, String path, String chart) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", repoURL);
        if (path != null) {
            source.put("path", path);
        }
        if (chart != null) {
            source.put("chart", chart);
        }
        source.put("targetRevision", "main");
        return source;
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> applications() {
        return fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application").inNamespace("argocd");
    }
}
