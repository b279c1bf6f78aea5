package lab.miribit.fleetops.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.problem.FleetProblem;

class RepositoryUrlTest {

    private static final String CANONICAL = "gitlab.k8s-cluster-01.miribit.lab/observability/thanos-multi-cluster";

    @Test
    void schemeSuffixTrailingSlashAndHostCaseDoNotMatter() {
        assertThat(ChangedApplications.normalizeRepository(
                "http://gitlab.k8s-cluster-01.miribit.lab/observability/thanos-multi-cluster.git")).isEqualTo(CANONICAL);
        assertThat(ChangedApplications.normalizeRepository(
                "https://GitLab.K8s-Cluster-01.miribit.lab/observability/thanos-multi-cluster/")).isEqualTo(CANONICAL);
        assertThat(ChangedApplications.normalizeRepository(
                "git@gitlab.k8s-cluster-01.miribit.lab:observability/thanos-multi-cluster.git")).isEqualTo(CANONICAL);
        assertThat(ChangedApplications.normalizeRepository(
                "ssh://git@gitlab.k8s-cluster-01.miribit.lab/observability/thanos-multi-cluster")).isEqualTo(CANONICAL);
    }

    @Test
    void thePathKeepsItsCase() {
        assertThat(ChangedApplications.normalizeRepository("https://gitlab.example/Group/Repo.git"))
                .isEqualTo("gitlab.example/Group/Repo");
    }

    @Test
    void somethingThatIsNoGitUrlIsRefused() {
        assertThatThrownBy(() -> ChangedApplications.normalizeRepository("not a url"))
                .isInstanceOf(FleetProblem.InvalidInput.class);
        assertThatThrownBy(() -> ChangedApplications.normalizeRepository(""))
                .isInstanceOf(FleetProblem.InvalidInput.class).hasMessageContaining("repoURL is required");
        assertThatThrownBy(() -> ChangedApplications.normalizeRepository("file:///etc/passwd"))
                .isInstanceOf(FleetProblem.InvalidInput.class);
    }
}
