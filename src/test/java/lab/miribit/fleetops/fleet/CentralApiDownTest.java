package lab.miribit.fleetops.fleet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

import lab.miribit.fleetops.testing.Management;

/** With the central cluster's API unreachable, fleet-ops stays up, says so, and refuses to guess. */
@QuarkusTest
@TestProfile(CentralApiDownTest.NoCentralApi.class)
class CentralApiDownTest {

    public static class NoCentralApi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // Port 1 on loopback: nothing listens, every connection is refused.
                    "quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1",
                    "quarkus.kubernetes-client.trust-certs", "true",
                    "quarkus.kubernetes-client.request-timeout", "1s",
                    "quarkus.kubernetes-client.connection-timeout", "1s",
                    "quarkus.oidc.tenant-enabled", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of();
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    @TestSecurity(user = "olivia", roles = { "fleet-viewer", "fleet-operator" })
    void readsAndActionsAnswer503WithRetryAfter() {
        given().get("/api/v1/apps").then().statusCode(503).header("Retry-After", "10")
                .contentType("application/problem+json")
                .body("detail", equalTo("the central cluster's Kubernetes API is not reachable"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/apps/longhorn-cluster-02/sync").then().statusCode(503)
                .header("Retry-After", "10");
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/clusters/cluster-01/sync").then().statusCode(503);
    }

    @Test
    void readinessIsDownWhileLivenessIsUp() {
        org.awaitility.Awaitility.await().untilAsserted(() -> Management.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'fleet' }.data.applicationsSynced", equalTo(false)));
        Management.given().get("/q/health/live").then().statusCode(200);
    }
}
