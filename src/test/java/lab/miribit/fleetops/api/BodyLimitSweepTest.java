package lab.miribit.fleetops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.testing.Api;
import lab.miribit.fleetops.testing.Management;
import lab.miribit.fleetops.testing.Tokens;

/**
 * Every POST route the service describes in its OpenAPI document, sent a 2 MiB body by an admin: each is
 * refused with 413 before the body is parsed (CVE-2024-40634's unbounded webhook body, for every route).
 */
@QuarkusTest
class BodyLimitSweepTest {

    @Test
    void everyPostRouteRefusesAnOversizedBody() {
        JsonPath openApi = Management.given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        List<String> posts = new ArrayList<>();
        paths.forEach((path, operations) -> {
            if (operations.containsKey("post")) {
                posts.add(path.replace("{app}", "longhorn-cluster-02").replace("{cluster}", "cluster-02")
                        .replace("{check}", "drift").replace("{verb}", "confirm"));
            }
        });
        assertThat(posts).contains("/api/v1/sync", "/api/v1/apps/longhorn-cluster-02/sync", "/api/v1/git/revert",
                "/api/v1/bootstrap", "/api/v1/clusters", "/hooks/gitlab", "/api/v1/chat");

        char[] filler = new char[2 * 1024 * 1024];
        Arrays.fill(filler, ' ');
        String huge = "{\"text\":\"" + new String(filler) + "\"}";
        List<String> notRefused = new ArrayList<>();
        for (String path : posts) {
            int status = Api.oversized(RestAssured.given().auth().oauth2(Tokens.admin()).contentType("application/json")).body(huge)
                    .post(path).statusCode();
            if (status != 413) {
                notRefused.add(path + " → " + status);
            }
        }
        assertThat(notRefused).isEmpty();
    }
}
