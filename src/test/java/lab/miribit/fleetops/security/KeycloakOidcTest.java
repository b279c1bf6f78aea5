package lab.miribit.fleetops.security;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import lab.miribit.fleetops.testing.InjectKeycloak;
import lab.miribit.fleetops.testing.Keycloak;
import lab.miribit.fleetops.testing.KeycloakProfile;

/**
 * fleet-ops behind a real Keycloak: people's tokens from the password grant, a service's from client
 * credentials, groups mapped to roles by configuration; tokens for another client, expired tokens and a
 * rotated signing key behave as they would with the fleet's own Keycloak.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakOidcTest {

    @InjectKeycloak
    Keycloak keycloak;

    @Test
    void groupsBecomeRolesAcrossTheMatrix() {
        Map<String, String> people = new LinkedHashMap<>();
        people.put("victor", keycloak.password("fleet-ops-cli", "victor", "victor-password"));
        people.put("olivia", keycloak.password("fleet-ops-cli", "olivia", "olivia-password"));
        people.put("ada", keycloak.password("fleet-ops-cli", "ada", "ada-password"));
        people.put("mallory", keycloak.password("fleet-ops-cli", "mallory", "mallory-password"));

        Map<String, Integer> reads = Map.of("victor", 200, "olivia", 200, "ada", 200, "mallory", 403);
        Map<String, Integer> syncs = Map.of("victor", 403, "olivia", 202, "ada", 202, "mallory", 403);
        Map<String, Integer> rollbacks = Map.of("victor", 403, "olivia", 403, "ada", 409, "mallory", 403);
        // each person syncs an application of their own, so no sync finds another one running
        Map<String, String> apps = Map.of("victor", "namespaces-cluster-02", "olivia", "namespaces-cluster-03", "ada",
                "namespaces-cluster-04", "mallory", "longhorn-cluster-02");
        people.forEach((user, token) -> {
            as(token).get("/api/v1/clusters").then().statusCode(reads.get(user));
            json(token, "{\"dryRun\":true}").post("/api/v1/apps/" + apps.get(user) + "/sync").then().statusCode(syncs.get(user));
            json(token, "{\"id\":999}").post("/api/v1/apps/longhorn-cluster-02/rollback").then().statusCode(rollbacks.get(user));
            as(token).get("/api/v1/bootstrap").then().statusCode("ada".equals(user) ? 200 : 403);
        });
        String id = json(people.get("olivia"), "{\"dryRun\":true}").post("/api/v1/apps/longhorn-cluster-03/sync").then().statusCode(202)
                .body("requestedByName", equalTo("olivia"))
                // Keycloak's subject, the user's id in the realm: the identity, whatever the login name becomes
                .body("requestedBy", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .extract().path("id");
        awaitFinished(people.get("victor"), id);
    }

    @Test
    void aServiceCallsWithClientCredentials() {
        String token = keycloak.clientCredentials("fleet-ops-automation", "automation-secret-change-me");
        json(token, "{\"dryRun\":true}").post("/api/v1/apps/fluent-bit-cluster-02/sync").then().statusCode(202)
                .body("requestedByName", equalTo("service-account-fleet-ops-automation"))
                .body("requestedBy", org.hamcrest.Matchers.not(equalTo("service-account-fleet-ops-automation")));
    }

    @Test
    void tokensForAnotherClientOrExpiredAreRefused() {
        String grafana = keycloak.password("grafana", "ada", "ada-password");
        as(grafana).get("/api/v1/clusters").then().statusCode(401).contentType("application/problem+json");

        String shortLived = keycloak.password("fleet-ops-short-lived", "ada", "ada-password");
        as(shortLived).get("/api/v1/clusters").then().statusCode(200);
        // the client's tokens live 2 s: the same token is refused once that has passed
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> as(shortLived).get("/api/v1/clusters").statusCode() == 401);
    }

    @Test
    void aRotatedSigningKeyIsFetchedFromTheJwks() {
        String before = keycloak.password("fleet-ops-cli", "victor", "victor-password");
        as(before).get("/api/v1/clusters").then().statusCode(200);
        keycloak.rotateSigningKey();
        String after = keycloak.password("fleet-ops-cli", "victor", "victor-password");
        assertThat(keycloak.keyId(after)).isNotEqualTo(keycloak.keyId(before));
        as(after).get("/api/v1/clusters").then().statusCode(200);
        // the old key is still published, so tokens signed with it stay valid until they expire
        as(before).get("/api/v1/clusters").then().statusCode(200);
    }
}
