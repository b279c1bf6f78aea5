package lab.miribit.fleetops.gitlab;

import static io.restassured.RestAssured.given;
import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.oversized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.testing.GitLabStandInResource;
import lab.miribit.fleetops.testing.Tokens;

/** {@code POST /hooks/gitlab} with GitLab's push payloads and headers. */
@QuarkusTest
class GitLabWebhookTest {

    /** A new pushed SHA per use: two pushes of one SHA are one change, and fleet-ops runs one of them at a time. */
    private static String after() {
        return java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20).putLong(System.nanoTime())
                .putLong(UUID.randomUUID().getMostSignificantBits()).array());
    }

    @Test
    void aPushToMainRefreshesEveryApplicationTrackingMainAsArgoCdsWebhookDoes() {
        JsonPath accepted = delivery(GitLabStandInResource.WEBHOOK_SECRET, UUID.randomUUID().toString())
                .body(push("refs/heads/main", after(), 1, "deploy/overlays/cluster-03-edge/fluent-bit/values.yaml"))
                .post("/hooks/gitlab").then().statusCode(202).body("kind", equalTo("push"))
                .body("via", equalTo("webhook")).body("requestedBy", equalTo("gitlab-webhook")).body("requestedByName", equalTo("gitlab webhook (push by alice)"))
                .extract().jsonPath();

        JsonPath done = awaitFinished(Tokens.viewer(), accepted.getString("id"));
        assertThat(done.getString("state")).isEqualTo("succeeded");
        // No application has manifest-generate-paths: Argo CD's webhook refreshes all that track main
        // (util/webhook/webhook.go, util/app/path/path.go AppFilesHaveChanged), with a normal refresh.
        int apps = as(Tokens.viewer()).get("/api/v1/apps").then().extract().jsonPath().getList("name").size();
        assertThat(done.getString("message")).startsWith("refreshed ").contains("fluent-bit-cluster-03");
        assertThat(done.getList("steps.name", String.class)).containsExactly("refresh " + apps + " application(s)");
    }

    @Test
    void aRedeliveryActsOnce() {
        String delivery = UUID.randomUUID().toString();
        String body = push("refs/heads/main", after(), 1, "deploy/overlays/cluster-02-edge/fluent-bit/values.yaml");
        String other = push("refs/heads/main", after(), 1, "deploy/overlays/cluster-02-edge/fluent-bit/values.yaml");
        String first = delivery(GitLabStandInResource.WEBHOOK_SECRET, delivery).body(body).post("/hooks/gitlab")
                .then().statusCode(202).extract().path("id");
        delivery(GitLabStandInResource.WEBHOOK_SECRET, delivery).body(body).post("/hooks/gitlab").then().statusCode(200)
                .body("duplicate", equalTo(true)).body("outcome", equalTo(first));
        // Newer GitLab sends Idempotency-Key; it counts the same way.
        String key = UUID.randomUUID().toString();
        String second = delivery(GitLabStandInResource.WEBHOOK_SECRET, null).header("Idempotency-Key", key).body(other)
                .post("/hooks/gitlab").then().statusCode(202).extract().path("id");
        awaitFinished(Tokens.viewer(), first);
        delivery(GitLabStandInResource.WEBHOOK_SECRET, null).header("Idempotency-Key", key).body(other).post("/hooks/gitlab")
                .then().statusCode(200).body("outcome", equalTo(second));
        awaitFinished(Tokens.viewer(), second);

        List<String> pushes = as(Tokens.viewer()).get("/api/v1/operations?limit=100").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.kind == 'push' && (it.id == '" + first + "' || it.id == '" + second + "') }.id");
        assertThat(pushes).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aPushWithMoreCommitsThanThePayloadListsRefreshesEveryApplicationTrackingTheBranch() {
        String id = delivery(GitLabStandInResource.WEBHOOK_SECRET, UUID.randomUUID().toString())
                .body(push("refs/heads/main", after(), 25, "deploy/overlays/cluster-02-edge/fluent-bit/values.yaml"))
                .post("/hooks/gitlab").then().statusCode(202).extract().path("id");
        JsonPath done = awaitFinished(Tokens.viewer(), id);
        int apps = as(Tokens.viewer()).get("/api/v1/apps").then().extract().jsonPath().getList("name").size();
        assertThat(done.getString("steps[0].name")).isEqualTo("refresh " + apps + " application(s)");
    }

    @Test
    void otherBranchesRefreshNothingAndOtherEventsAreAcknowledgedAndIgnored() {
        String id = delivery(GitLabStandInResource.WEBHOOK_SECRET, UUID.randomUUID().toString())
                .body(push("refs/heads/feature/x", after(), 1, "deploy/overlays/cluster-02-edge/fluent-bit/values.yaml"))
                .post("/hooks/gitlab").then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("message")).isEqualTo(
                "no application tracks feature/x of this repository at the changed paths; nothing to do");
        delivery(GitLabStandInResource.WEBHOOK_SECRET, UUID.randomUUID().toString())
                .body(push("refs/heads/main", "0000000000000000000000000000000000000000", 0))
                .post("/hooks/gitlab").then().statusCode(200).body("ignored", containsString("deletes refs/heads/main"));
        given().contentType("application/json").header("X-Gitlab-Token", GitLabStandInResource.WEBHOOK_SECRET)
                .header("X-Gitlab-Event", "Merge Request Hook").body("{\"object_kind\":\"merge_request\",\"project\":{}}").post("/hooks/gitlab").then().statusCode(200)
                .body("ignored", containsString("Merge Request Hook"));
    }

    @Test
    void wrongOrMissingTokensMalformedAndHugeBodiesAreRefused() {
        String body = push("refs/heads/main", after(), 1, "deploy/overlays/cluster-02-edge/fluent-bit/values.yaml");
        delivery("not-the-secret", null).body(body).post("/hooks/gitlab").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("X-Gitlab-Token"));
        delivery(null, null).body(body).post("/hooks/gitlab").then().statusCode(401);
        delivery(GitLabStandInResource.WEBHOOK_SECRET, null).body("{\"object_kind\":\"push\"").post("/hooks/gitlab").then()
                .statusCode(400).body("detail", containsString("not JSON"));
        delivery(GitLabStandInResource.WEBHOOK_SECRET, null).body("{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}")
                .post("/hooks/gitlab").then().statusCode(400).body("detail", containsString("names no repository"));
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        oversized(delivery(GitLabStandInResource.WEBHOOK_SECRET, null)).body(huge).post("/hooks/gitlab").then().statusCode(413);
    }

    private static RequestSpecification delivery(String token, String uuid) {
        RequestSpecification request = given().contentType("application/json").header("X-Gitlab-Event", "Push Hook");
        if (token != null) {
            request = request.header("X-Gitlab-Token", token);
        }
        return uuid == null ? request : request.header("X-Gitlab-Event-UUID", uuid);
    }

    /** A push payload as GitLab sends it; {@code total} may exceed the one commit listed, as GitLab lists 20 at most. */
    private static String push(String ref, String after, int total, String... paths) {
        String modified = paths.length == 0 ? "[]" : "[\"" + String.join("\",\"", paths) + "\"]";
        String commits = total == 0 ? "[]" : "[{\"id\":\"" + after + "\",\"message\":\"Tune fluent-bit\",\"added\":[],\"modified\":"
                + modified + ",\"removed\":[]}]";
        return "{\"object_kind\":\"push\",\"event_name\":\"push\",\"before\":\"1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e\","
                + "\"after\":\"" + after + "\",\"ref\":\"" + ref + "\",\"user_username\":\"alice\",\"project_id\":42,"
                + "\"project\":{\"id\":42,\"path_with_namespace\":\"observability/thanos-multi-cluster\",\"default_branch\":\"main\","
                + "\"git_http_url\":\"" + DemoFleetSeed.REPO_URL + "\",\"git_ssh_url\":\"git@gitlab.k8s-cluster-01.miribit.lab:"
                + "observability/thanos-multi-cluster.git\"},\"commits\":" + commits + ",\"total_commits_count\":" + total + "}";
    }
}
