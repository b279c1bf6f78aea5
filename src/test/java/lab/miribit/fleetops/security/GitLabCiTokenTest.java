package lab.miribit.fleetops.security;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.testing.GitLabStandIn;
import lab.miribit.fleetops.testing.InjectGitLab;
import lab.miribit.fleetops.testing.Tokens;

/**
 * GitLab CI jobs authenticate with their {@code id_tokens} JWT, verified through GitLab's JWKS (served by the
 * loopback GitLab from the key that signs these tokens): only protected, allowed branches of allowed projects.
 */
@QuarkusTest
class GitLabCiTokenTest {

    private static final String CHANGE = "{\"repoURL\":\"" + DemoFleetSeed.REPO_URL + "\",\"revision\":\"%s\","
            + "\"changedPaths\":[\"deploy/overlays/cluster-02-edge/longhorn/values.yaml\"],\"dryRun\":true}";

    @InjectGitLab
    GitLabStandIn gitlab;

    @BeforeEach
    void freshRepository() {
        gitlab.reset();
    }

    @Test
    void aProtectedMainPipelineOfTheGitOpsProjectSyncsAsFleetCi() {
        String token = gitlab.sign(gitlab.ciClaims());
        String id = json(token, CHANGE.formatted("main")).post("/api/v1/sync").then().statusCode(202)
                .body("via", equalTo("ci"))
                .body("requestedBy", equalTo("project_path:" + GitLabStandIn.PROJECT + ":ref_type:branch:ref:main"))
                .body("requestedByName", equalTo(GitLabStandIn.PROJECT + "@main job 8101")).extract().path("id");

        JsonPath done = awaitFinished(token, id);
        assertThat(done.getString("state")).isEqualTo("succeeded");
        as(token).get("/api/v1/operations").then().statusCode(200);
        // fleet-ci reads operations, nothing else, and may not do what is not a merge's sync.
        as(token).get("/api/v1/clusters").then().statusCode(403);
        json(token, "{}").post("/api/v1/apps/longhorn-cluster-02/sync").then().statusCode(403);
        json(token, "{\"sha\":\"" + gitlab.mainCommits().get(1).id() + "\"}").post("/api/v1/git/revert").then().statusCode(403);
    }

    @Test
    void otherJobsOfTheSameGitLabAreForbiddenAndToldWhy() {
        refused(gitlab.ciClaims().claim("ref_protected", "false").claim("ref", "main"), "branch main is not protected");
        refused(gitlab.ciClaims().claim("ref_protected", true), "is not protected");
        refused(gitlab.ciClaims().claim("project_path", "someone/else"), "jobs of project someone/else may not call fleet-ops");
        refused(gitlab.ciClaims().claim("ref_type", "tag").claim("ref", "v1.0.0"), "branch pipeline only, not for a tag");
        refused(gitlab.ciClaims().claim("ref", "feature/x"), "branch feature/x is not one of fleet.gitlab.ci.refs");
        // Their claims grant nothing either: a groups claim is not read from GitLab's tokens.
        refused(gitlab.ciClaims().claim("ref_protected", "false").groups("fleet-admin"), "is not protected");
        // A token the policy refuses reads nothing.
        as(gitlab.sign(gitlab.ciClaims().claim("project_path", "someone/else"))).get("/api/v1/operations").then().statusCode(403);
    }

    @Test
    void tokensThatDoNotVerifyAre401() {
        unauthorized(gitlab.sign(gitlab.ciClaims().audience("https://gitlab.example")));
        unauthorized(gitlab.sign(gitlab.ciClaims().expiresAt(Instant.now().minusSeconds(600))
                .issuedAt(Instant.now().minusSeconds(900))));
        // GitLab's key, but the issuer of some other GitLab: it goes to the default tenant, which does not trust it.
        unauthorized(gitlab.sign(gitlab.ciClaims().issuer("https://gitlab.elsewhere.example")));
        // The right claims without a signature.
        String claims = "{\"iss\":\"" + gitlab.url() + "\",\"aud\":\"fleet-ops\",\"project_path\":\"" + GitLabStandIn.PROJECT
                + "\",\"ref\":\"main\",\"ref_type\":\"branch\",\"ref_protected\":\"true\",\"exp\":"
                + (Instant.now().getEpochSecond() + 300) + "}";
        unauthorized(base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(claims) + ".");
        // Signed by the people's identity provider with GitLab's issuer: the GitLab tenant verifies with GitLab's keys.
        unauthorized(io.smallrye.jwt.build.Jwt.issuer(gitlab.url()).audience("fleet-ops").claim("project_path", GitLabStandIn.PROJECT)
                .claim("ref", "main").claim("ref_type", "branch").claim("ref_protected", "true").sign());
        // and the people's tokens still work beside it
        as(Tokens.viewer()).get("/api/v1/clusters").then().statusCode(200);
    }

    private void refused(JwtClaimsBuilder claims, String why) {
        json(gitlab.sign(claims), CHANGE.formatted("main")).post("/api/v1/sync").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(why));
    }

    private static void unauthorized(String token) {
        json(token, CHANGE.formatted("main")).post("/api/v1/sync").then().statusCode(401)
                .contentType("application/problem+json");
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
