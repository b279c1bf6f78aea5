package lab.miribit.fleetops.api;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import lab.miribit.fleetops.testing.Tokens;

/** Every endpoint against every role: 401 without credentials, 403 below the endpoint's role, 2xx otherwise. */
@QuarkusTest
class RoleMatrixTest {

    private enum Access {
        VIEWER, OPERATOR, OPERATOR_200, ADMIN, OPERATOR_OR_CI, VIEWER_OR_CI
    }

    private record Endpoint(String method, String path, String body, Access access) {
    }

    private static List<Endpoint> endpoints(String operationId) {
        String dryRun = "{\"dryRun\":true}";
        return List.of(
                new Endpoint("GET", "/api/v1/clusters", null, Access.VIEWER),
                new Endpoint("GET", "/api/v1/clusters/cluster-02", null, Access.VIEWER),
                new Endpoint("GET", "/api/v1/apps?cluster=cluster-02", null, Access.VIEWER),
                new Endpoint("GET", "/api/v1/apps/longhorn-cluster-02", null, Access.VIEWER),
                new Endpoint("GET", "/api/v1/apps/longhorn-cluster-02/history", null, Access.VIEWER),
                new Endpoint("GET", "/api/v1/audit", null, Access.VIEWER),
                new Endpoint("GET", "/api/v1/operations", null, Access.VIEWER_OR_CI),
                new Endpoint("GET", "/api/v1/operations/" + operationId, null, Access.VIEWER_OR_CI),
                new Endpoint("POST", "/api/v1/apps/namespaces-cluster-02/sync", dryRun, Access.OPERATOR),
                new Endpoint("POST", "/api/v1/clusters/cluster-02/sync", dryRun, Access.OPERATOR),
                new Endpoint("POST", "/api/v1/apps/longhorn-cluster-02/refresh", null, Access.OPERATOR),
                new Endpoint("POST", "/api/v1/sync", "{\"apps\":[\"fluent-operator-cluster-02\"],\"dryRun\":true}",
                        Access.OPERATOR_OR_CI),
                new Endpoint("GET", "/api/v1/diagnostics?app=longhorn-cluster-02", null, Access.VIEWER),
                new Endpoint("GET", "/api/v1/checks", null, Access.VIEWER),
                new Endpoint("POST", "/api/v1/checks/drift/run", null, Access.OPERATOR_200),
                new Endpoint("POST", "/api/v1/apps/thanos-compactor-cluster-01/rollback", "{\"id\":1}", Access.ADMIN),
                new Endpoint("GET", "/api/v1/bootstrap", null, Access.ADMIN),
                // (a step that asks S3 only: bootstrap's Kubernetes calls run with bootstrap-access, see RbacCoverageTest)
                new Endpoint("POST", "/api/v1/bootstrap", "{\"dryRun\":true,\"steps\":[\"s3-credentials\"]}", Access.ADMIN));
    }

    /** The OpenAPI document states, for each route the matrix checks, exactly the roles that route enforces. */
    @Test
    void theOpenApiDocumentNamesTheRolesEachRouteEnforces() throws Exception {
        com.fasterxml.jackson.databind.JsonNode openApi = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                lab.miribit.fleetops.testing.Management.given().accept("application/json").get("/q/openapi?format=json").asString());
        com.fasterxml.jackson.databind.JsonNode scheme = openApi.path("components").path("securitySchemes").path("oidc");
        assertThat(scheme.path("type").asText()).isEqualTo("openIdConnect");
        assertThat(scheme.path("openIdConnectUrl").asText()).endsWith("/realms/quarkus/.well-known/openid-configuration");
        List<String> mismatches = new ArrayList<>();
        for (Endpoint endpoint : endpoints("op-0000000000")) {
            String concrete = endpoint.path().replaceAll("\\?.*", "");
            java.util.Optional<String> template = java.util.stream.StreamSupport
                    .stream(java.util.Spliterators.spliteratorUnknownSize(openApi.path("paths").fieldNames(), 0), false)
                    .filter(path -> concrete.matches(path.replaceAll("\\{[^}]+}", "[^/]+"))).findFirst();
            if (template.isEmpty()) {
                mismatches.add(endpoint.path() + " is not in the document");
                continue;
            }
            List<String> scopes = new ArrayList<>();
            openApi.path("paths").path(template.get()).path(endpoint.method().toLowerCase(java.util.Locale.ROOT)).path("security")
                    .forEach(requirement -> requirement.path("oidc").forEach(scope -> scopes.add(scope.asText())));
            List<String> expected = switch (endpoint.access()) {
                case VIEWER -> List.of("fleet-viewer");
                case OPERATOR, OPERATOR_200 -> List.of("fleet-operator");
                case ADMIN -> List.of("fleet-admin");
                case OPERATOR_OR_CI -> List.of("fleet-operator", "fleet-ci");
                case VIEWER_OR_CI -> List.of("fleet-viewer", "fleet-ci");
            };
            if (!new java.util.HashSet<>(scopes).equals(new java.util.HashSet<>(expected))) {
                mismatches.add(endpoint.method() + " " + template.get() + " documents " + scopes + ", enforces " + expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheContractSays() {
        String operationId = json(Tokens.operator(), "{\"dryRun\":true}")
                .post("/api/v1/apps/prometheus-agent-cluster-02/sync").then().statusCode(202).extract().path("id");
        awaitFinished(Tokens.viewer(), operationId);

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("viewer", Tokens.viewer());
        tokens.put("operator", Tokens.operator());
        tokens.put("admin", Tokens.admin());
        tokens.put("ci", Tokens.ci());
        tokens.put("unmapped group", Tokens.bearer("mallory", "developers"));

        List<String> mismatches = new ArrayList<>();
        for (Endpoint endpoint : endpoints(operationId)) {
            check(mismatches, endpoint, "anonymous", null, 401);
            for (Map.Entry<String, String> role : tokens.entrySet()) {
                int expected = allowed(endpoint.access(), role.getKey())
                        ? (endpoint.method().equals("GET") || endpoint.access() == Access.OPERATOR_200 ? 200 : 202) : 403;
                check(mismatches, endpoint, role.getKey(), role.getValue(), expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void forbiddenAndUnauthorizedAnswersAreProblemDetails() {
        as(Tokens.viewer()).post("/api/v1/apps/longhorn-cluster-02/refresh").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        as(null).get("/api/v1/clusters").then().statusCode(401);
    }

    private static boolean allowed(Access access, String role) {
        return switch (access) {
            case VIEWER -> List.of("viewer", "operator", "admin").contains(role);
            case OPERATOR, OPERATOR_200 -> List.of("operator", "admin").contains(role);
            case ADMIN -> "admin".equals(role);
            case OPERATOR_OR_CI -> List.of("operator", "admin", "ci").contains(role);
            case VIEWER_OR_CI -> List.of("viewer", "operator", "admin", "ci").contains(role);
        };
    }

    private static void check(List<String> mismatches, Endpoint endpoint, String who, String token, int expected) {
        Response response = (endpoint.body() == null ? as(token) : json(token, endpoint.body()))
                .request(endpoint.method(), endpoint.path());
        if (response.statusCode() != expected) {
            mismatches.add(endpoint.method() + " " + endpoint.path() + " as " + who + ": expected " + expected + ", got "
                    + response.statusCode() + " " + response.asString());
        }
        if (response.statusCode() == 202) {
            awaitFinished(Tokens.viewer(), response.jsonPath().getString("id"));
        }
    }
}
