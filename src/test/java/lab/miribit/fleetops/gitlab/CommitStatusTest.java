package lab.miribit.fleetops.gitlab;

import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.testing.GitLabStandIn;
import lab.miribit.fleetops.testing.GitLabStandInResource;
import lab.miribit.fleetops.testing.InjectGitLab;
import lab.miribit.fleetops.testing.Tokens;

/** The sync of a merge shows on its commit as GitLab's commit status {@code fleet-ops/sync}. */
@QuarkusTest
class CommitStatusTest {

    @InjectGitLab
    GitLabStandIn gitlab;

    @Inject
    OperationService operations;

    private String sha;

    @BeforeEach
    void freshRepository() {
        gitlab.reset();
        sha = gitlab.mainCommits().get(2).id();
    }

    @Test
    void aCiSyncOfARevisionGoesPendingRunningSuccessWithALinkToTheOperation() {
        String token = gitlab.sign(gitlab.ciClaims());
        JsonPath done = json(token, change(sha, "deploy/overlays/cluster-02-edge/longhorn/values.yaml", true)
                + ",\"wait\":true}").post("/api/v1/sync").then().statusCode(200).extract().jsonPath();
        assertThat(done.getString("state")).isEqualTo("succeeded");

        List<GitLabStandIn.Status> statuses = awaitStatuses(3);
        assertThat(statuses).extracting(GitLabStandIn.Status::state).containsExactly("pending", "running", "success");
        assertThat(statuses).allSatisfy(status -> {
            assertThat(status.sha()).isEqualTo(sha);
            assertThat(status.name()).isEqualTo("fleet-ops/sync");
            assertThat(status.targetUrl()).isEqualTo(GitLabStandInResource.PUBLIC_URL + "/api/v1/operations/" + done.getString("id"));
        });
        assertThat(statuses.get(2).description()).isEqualTo(done.getString("message"));
    }

    @Test
    void aFailedSyncMarksTheCommitFailedWithTheReason() {
        String id = json(Tokens.ci(), change(sha, "deploy/overlays/cluster-01-central/thanos-compactor/deployment.yaml", false)
                + "}").post("/api/v1/sync").then().statusCode(202).extract().path("id");
        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("state")).isEqualTo("failed");

        GitLabStandIn.Status last = awaitStatuses(3).get(2);
        assertThat(last.state()).isEqualTo("failed");
        assertThat(last.description()).contains("thanos-compactor");
    }

    @Test
    void gitlabDownCostsTheStatusNotTheSync() {
        gitlab.failNext("POST", "/statuses/", 502, "", 2);
        JsonPath done = json(Tokens.ci(), change(sha, "deploy/overlays/cluster-04-edge/longhorn/values.yaml", true)
                + ",\"wait\":true}").post("/api/v1/sync").then().statusCode(200).extract().jsonPath();
        assertThat(done.getString("state")).isEqualTo("succeeded");
        // Statuses are writes: the two refused are not retried; the last one lands.
        assertThat(awaitStatuses(1)).extracting(GitLabStandIn.Status::state).containsExactly("success");
        assertThat(gitlab.requests().stream().filter(r -> r.path().contains("/statuses/"))).hasSize(3);
    }

    @Test
    void onlySyncsOfAShaOfTheGitOpsRepositoryGetAStatus() {
        awaitFinished(Tokens.viewer(), json(Tokens.ci(), change("main", "deploy/overlays/cluster-02-edge/longhorn/x.yaml", true)
                + "}").post("/api/v1/sync").then().statusCode(202).extract().path("id"));
        awaitFinished(Tokens.viewer(), json(Tokens.operator(), "{\"apps\":[\"longhorn-cluster-02\"],\"dryRun\":true}")
                .post("/api/v1/sync").then().statusCode(202).extract().path("id"));
        // The status of the operations above would have been posted by now, in order, before this one.
        String marker = gitlab.mainCommits().get(1).id();
        json(Tokens.ci(), "{\"repoURL\":\"" + DemoFleetSeed.REPO_URL + "\",\"revision\":\"" + marker
                + "\",\"changedPaths\":[\"deploy/overlays/cluster-02-edge/longhorn/x.yaml\"],\"dryRun\":true,\"wait\":true}")
                .post("/api/v1/sync").then().statusCode(200);
        assertThat(awaitStatuses(3)).extracting(GitLabStandIn.Status::sha).containsOnly(marker);
    }

    @Test
    void aPushThatSyncsReportsOnThePushedCommitAndRefreshesFirst() {
        Caller webhook = new Caller("gitlab-webhook", "gitlab webhook", Set.of(FleetRole.OPERATOR), Via.WEBHOOK);
        String id = operations.submit(webhook, new Command.Push(DemoFleetSeed.REPO_URL, sha, "main", "main",
                List.of("deploy/overlays/cluster-02-edge/fluent-bit/values.yaml"), true)).id();
        JsonPath done = awaitFinished(Tokens.viewer(), id);

        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getList("steps.name", String.class)).hasSize(2).endsWith("wave 4: fluent-bit-cluster-02");
        assertThat(done.getList("steps.name", String.class).get(0)).matches("refresh \\d+ application\\(s\\)");
        assertThat(done.getList("steps.state", String.class)).containsOnly("succeeded");
        assertThat(awaitStatuses(3)).extracting(GitLabStandIn.Status::state).containsExactly("pending", "running", "success");
    }

    private static String change(String revision, String path, boolean dryRun) {
        return "{\"repoURL\":\"" + DemoFleetSeed.REPO_URL + "\",\"revision\":\"" + revision + "\",\"changedPaths\":[\"" + path
                + "\"],\"dryRun\":" + dryRun;
    }

    private List<GitLabStandIn.Status> awaitStatuses(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> gitlab.statuses().size() >= count);
        return gitlab.statuses();
    }
}
