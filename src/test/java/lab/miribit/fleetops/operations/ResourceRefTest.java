package lab.miribit.fleetops.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.problem.FleetProblem;

class ResourceRefTest {

    @Test
    void groupKindNamespaceAndNameAreRead() {
        assertThat(ResourceRef.parse("apps/Deployment/monitoring/prometheus-agent"))
                .isEqualTo(new ResourceRef("apps", "Deployment", "monitoring", "prometheus-agent"));
        assertThat(ResourceRef.parse("/ConfigMap/monitoring/grafana-dashboards"))
                .isEqualTo(new ResourceRef("", "ConfigMap", "monitoring", "grafana-dashboards"));
        assertThat(ResourceRef.parse("rbac.authorization.k8s.io/ClusterRole//fleet-ops.reader"))
                .isEqualTo(new ResourceRef("rbac.authorization.k8s.io", "ClusterRole", "", "fleet-ops.reader"));
    }

    @Test
    void malformedReferencesAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> ResourceRef.parse("Deployment:grafana")).isInstanceOf(FleetProblem.InvalidInput.class)
                .hasMessageContaining("group/Kind/namespace/name");
        assertThatThrownBy(() -> ResourceRef.parse("apps/Deployment/monitoring/")).isInstanceOf(FleetProblem.InvalidInput.class);
        assertThatThrownBy(() -> ResourceRef.parse("apps/Deploy ment/monitoring/x")).isInstanceOf(FleetProblem.InvalidInput.class);
        assertThatThrownBy(() -> ResourceRef.parse("apps/Deployment/../x")).isInstanceOf(FleetProblem.InvalidInput.class);
        assertThatThrownBy(() -> ResourceRef.parse("a/b/c/d/e")).isInstanceOf(FleetProblem.InvalidInput.class);
    }

    @Test
    void revisionsAreBranchesTagsOrShas() {
        assertThat(new SyncOptions(false, false, " release/1.2 ", null).revision()).isEqualTo("release/1.2");
        assertThat(new SyncOptions(false, false, "", null).revision()).isNull();
        assertThatThrownBy(() -> new SyncOptions(false, false, "main; rm -rf /", null))
                .isInstanceOf(FleetProblem.InvalidInput.class);
        assertThatThrownBy(() -> new SyncOptions(false, false, "a".repeat(201), null))
                .isInstanceOf(FleetProblem.InvalidInput.class);
    }
}
