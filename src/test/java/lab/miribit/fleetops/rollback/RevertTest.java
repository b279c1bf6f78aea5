package lab.miribit.fleetops.rollback;

import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.testing.GitLabStandIn;
import lab.miribit.fleetops.testing.InjectGitLab;
import lab.miribit.fleetops.testing.Tokens;

/** {@code POST /git/revert} against GitLab's API shapes on loopback. */
@QuarkusTest
class RevertTest {

    @InjectGitLab
    GitLabStandIn gitlab;

    private GitLabStandIn.Commit grafanaChange;
    private GitLabStandIn.Commit agentChange;

    @BeforeEach
    void freshRepository() {
        gitlab.reset();
        List<GitLabStandIn.Commit> main = gitlab.mainCommits();
        grafanaChange = main.get(1);
        agentChange = main.get(2);
    }

    @Test
    void revertsOnTheDefaultBranchAndNamesTheApplicationsItTouches() {
        String id = revert(Tokens.admin(), grafanaChange.shortId(), false).then().statusCode(202)
                .body("kind", equalTo("revert")).body("target", equalTo("git/" + grafanaChange.shortId())).extract().path("id");

        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("state")).isEqualTo("succeeded");
        GitLabStandIn.Commit head = gitlab.branch("main").get(0);
        assertThat(head.message()).contains("This reverts commit " + grafanaChange.id());
        assertThat(done.getString("message")).contains("reverted " + grafanaChange.shortId()).contains(head.shortId())
                .contains("grafana-cluster-01").doesNotContain("prometheus-agent");
        assertThat(done.getString("steps[1].message")).isEqualTo("1 application(s)");
        // GitLab was asked first with a dry run, then for real, once.
        List<GitLabStandIn.Request> reverts = revertRequests();
        assertThat(reverts).hasSize(2);
        assertThat(reverts.get(0).body()).contains("\"dry_run\":true").contains("\"branch\":\"main\"");
        assertThat(reverts.get(1).body()).isEqualTo("{\"branch\":\"main\"}");
    }

    @Test
    void askingAgainReturnsTheExistingRevertInsteadOfASecondOne() {
        awaitFinished(Tokens.viewer(), revert(Tokens.admin(), grafanaChange.id(), false).then().statusCode(202)
                .extract().path("id"));
        int commits = gitlab.branch("main").size();

        JsonPath again = awaitFinished(Tokens.viewer(), revert(Tokens.admin(), grafanaChange.shortId(), false)
                .then().statusCode(202).extract().path("id"));

        assertThat(again.getString("state")).isEqualTo("succeeded");
        assertThat(again.getString("message")).contains("already reverted on main by " + gitlab.branch("main").get(0).shortId());
        assertThat(gitlab.branch("main")).hasSize(commits);
        assertThat(revertRequests().stream().filter(r -> !r.body().contains("dry_run"))).hasSize(1);
    }

    @Test
    void mergeRequestModeRevertsOnABranchAndOpensOneMergeRequest() {
        JsonPath done = awaitFinished(Tokens.viewer(), revert(Tokens.admin(), agentChange.shortId(), true)
                .then().statusCode(202).extract().path("id"));

        assertThat(done.getString("state")).isEqualTo("succeeded");
        String branch = "fleet-ops/revert-" + agentChange.id();
        assertThat(gitlab.branch(branch).get(0).message()).contains("This reverts commit " + agentChange.id());
        assertThat(gitlab.branch("main").get(0).id()).isEqualTo(agentChange.id());
        assertThat(gitlab.mergeRequests()).hasSize(1);
        Map<String, Object> mr = gitlab.mergeRequests().get(0);
        assertThat(mr.get("source_branch")).isEqualTo(branch);
        assertThat(mr.get("target_branch")).isEqualTo("main");
        assertThat(mr.get("title")).isEqualTo("Revert \"" + agentChange.title() + "\"");
        assertThat((String) mr.get("description")).contains("`prometheus-agent-cluster-03`", "`prometheus-agent-cluster-04`")
                .contains("ada via rest").contains(done.getString("id"));
        assertThat(done.getString("message")).contains("opened merge request !1").contains("/-/merge_requests/1");

        JsonPath again = awaitFinished(Tokens.viewer(), revert(Tokens.admin(), agentChange.id(), true)
                .then().statusCode(202).extract().path("id"));
        assertThat(again.getString("message")).contains("merge request !1 already reverts");
        assertThat(gitlab.mergeRequests()).hasSize(1);
    }

    @Test
    void gitlabsEmptyAndConflictAnswersAre409WithTheReasonAndChangeNothing() {
        gitlab.conflictOn(grafanaChange.id());
        revert(Tokens.admin(), grafanaChange.shortId(), false).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("GitLab cannot revert " + grafanaChange.shortId() + " automatically (conflict)"))
                .body("detail", containsString("revert it by hand"));

        gitlab.failNext("POST", "/revert$", 400, "{\"message\":\"Commit revert failed: nothing to do\",\"error_code\":\"empty\"}", 1);
        revert(Tokens.admin(), agentChange.shortId(), false).then().statusCode(409)
                .body("detail", containsString("(empty)")).body("detail", containsString("may be reverted already"));

        assertThat(revertRequests()).allMatch(r -> r.body().contains("\"dry_run\":true"));
        assertThat(gitlab.branch("main")).hasSize(3);
    }

    @Test
    void readsAreRetriedAfter5xxButAFailedWriteIsNot() {
        gitlab.failNext("GET", "/repository/commits/[0-9a-f]+$", 502, "<html>502 Bad Gateway</html>", 2);
        String id = revert(Tokens.admin(), grafanaChange.shortId(), false).then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("state")).isEqualTo("succeeded");
        assertThat(gitlab.requests().stream().filter(r -> r.method().equals("GET")
                && r.path().endsWith("/repository/commits/" + grafanaChange.shortId()))).hasSize(3);

        gitlab.failNext("POST", "/revert$", "\\{\"branch\":\"main\"\\}", 503, "", 1);
        JsonPath failed = awaitFinished(Tokens.viewer(), revert(Tokens.admin(), agentChange.shortId(), false)
                .then().statusCode(202).extract().path("id"));
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getString("message")).contains("GitLab answered 503");
        assertThat(revertRequests().stream().filter(r -> r.path().contains(agentChange.id()) && !r.body().contains("dry_run")))
                .hasSize(1);
    }

    @Test
    void connectionsGitLabDropsAreRetriedForReadsAndReportedForWrites() {
        gitlab.failNext("GET", "/repository/commits/[0-9a-f]+$", GitLabStandIn.RESET, "", 2);
        String id = revert(Tokens.admin(), grafanaChange.shortId(), false).then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("state")).isEqualTo("succeeded");

        gitlab.failNext("POST", "/revert$", "\\{\"branch\":\"main\"\\}", GitLabStandIn.RESET, "", 1);
        JsonPath dropped = awaitFinished(Tokens.viewer(), revert(Tokens.admin(), agentChange.shortId(), false)
                .then().statusCode(202).extract().path("id"));
        assertThat(dropped.getString("state")).isEqualTo("failed");
        assertThat(dropped.getString("message")).contains("GitLab did not answer POST").contains("asking again finds it");
        assertThat(gitlab.branch("main").get(0).message()).doesNotContain("This reverts commit " + agentChange.id());
    }

    @Test
    void gitlabRefusingTheTokenIs503WithoutTheToken() {
        gitlab.failNext("GET", "/repository/commits/", 401, "{\"message\":\"401 Unauthorized\"}", 1);
        String detail = revert(Tokens.admin(), grafanaChange.shortId(), false).then().statusCode(503)
                .header("Retry-After", equalTo("60"))
                .body("detail", containsString("GitLab refused fleet-ops' token (401)")).extract().path("detail");
        assertThat(detail).doesNotContain(GitLabStandIn.TOKEN);
    }

    @Test
    void unknownOrMalformedShasAndLowRolesAreRefusedBeforeAnyWrite() {
        revert(Tokens.admin(), "0123456789abcdef", false).then().statusCode(404)
                .body("detail", containsString("commit 0123456789abcdef not found"));
        revert(Tokens.admin(), "xyz1234", false).then().statusCode(400).body("detail", containsString("7 to 40 hex"));
        revert(Tokens.admin(), "abc12", false).then().statusCode(400);
        int before = gitlab.requests().size();
        revert(Tokens.operator(), grafanaChange.shortId(), false).then().statusCode(403)
                .body("detail", containsString("fleet-admin"));
        revert(Tokens.ci(), grafanaChange.shortId(), false).then().statusCode(403);
        assertThat(gitlab.requests()).hasSize(before);
        json(Tokens.admin(), "{\"mergeRequest\":true}").post("/api/v1/git/revert").then().statusCode(400);
    }

    @Test
    void chatAsksForConfirmationBeforeReverting() {
        String admin = Tokens.bearer("chat-admin", "fleet-admin");
        String line = "revert " + agentChange.shortId() + " --mr";
        JsonPath asked = json(admin, "{\"text\":\"" + line + "\"}").post("/api/v1/chat").then().statusCode(200)
                .extract().jsonPath();
        assertThat(asked.getString("reply.kind")).isEqualTo("confirm");
        assertThat(asked.getString("text")).contains("opens a merge request that reverts commit " + agentChange.shortId());
        assertThat(gitlab.requests()).isEmpty();

        JsonPath accepted = json(admin, "{\"text\":\"" + line + "\",\"confirmation\":\""
                + asked.getString("reply.confirmation.token") + "\"}").post("/api/v1/chat").then().statusCode(200)
                .extract().jsonPath();
        assertThat(accepted.getString("reply.kind")).isEqualTo("accepted");
        JsonPath done = awaitFinished(Tokens.viewer(), accepted.getString("reply.operationId"));
        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getString("requestedBy")).isEqualTo(Tokens.subjectOf("chat-admin"));
        assertThat(done.getString("requestedByName")).isEqualTo("chat-admin");
        assertThat(gitlab.mergeRequests()).hasSize(1);
    }

    private io.restassured.response.Response revert(String token, String sha, boolean mergeRequest) {
        return json(token, "{\"sha\":\"" + sha + "\",\"mergeRequest\":" + mergeRequest + "}").post("/api/v1/git/revert");
    }

    private List<GitLabStandIn.Request> revertRequests() {
        return gitlab.requests().stream().filter(r -> r.path().endsWith("/revert")).toList();
    }
}
