package lab.miribit.fleetops.checks;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.testing.FleetTestResource;
import lab.miribit.fleetops.testing.Management;
import lab.miribit.fleetops.testing.Tokens;

/** The certificate check over the test fleet: real handshakes with each API server, the client certificates of the Secrets. */
@QuarkusTest
class CertificateCheckTest {

    private static Map<String, Object> item(JsonPath result, String target, String source) {
        List<Map<String, Object>> items = result.getList("items");
        return items.stream().filter(i -> target.equals(i.get("target")) && source.equals(((Map<?, ?>) i.get("details")).get("source")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + source + " item for " + target + " in " + result.prettify()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> item) {
        return (Map<String, Object>) item.get("details");
    }

    @Test
    void everyApiServerAndClientCertificateIsInspected() {
        JsonPath result = as(Tokens.operator()).post("/api/v1/checks/certificates/run").then().statusCode(200).extract().jsonPath();
        assertThat(result.getString("name")).isEqualTo("certificates");
        assertThat(result.getString("status")).isEqualTo("error");

        Map<String, Object> expiring = item(result, "cluster/" + DemoFleetSeed.EXPIRING_CLIENT_CERT_CLUSTER, "client-certificate");
        assertThat(expiring.get("status")).isEqualTo("warning");
        assertThat(expiring.get("summary")).isEqualTo("client certificate expires in " + DemoFleetSeed.EXPIRING_DAYS + " days");
        assertThat(details(expiring).get("subject")).isEqualTo("CN=kubernetes-admin,O=system:masters");

        Map<String, Object> edge = item(result, "cluster/cluster-02", "api-server");
        assertThat(edge.get("status")).isEqualTo("ok");
        assertThat(details(edge).get("trusted")).isEqualTo(true);
        assertThat(item(result, "cluster/cluster-01", "api-server").get("status")).isEqualTo("ok");

        Map<String, Object> hanging = item(result, "cluster/" + FleetTestResource.HANGING_CLUSTER, "api-server");
        assertThat(hanging.get("status")).isEqualTo("error");
        assertThat((String) hanging.get("summary")).startsWith("no TLS handshake within");

        as(Tokens.viewer()).get("/api/v1/checks").then().statusCode(200).body("name", hasItem("certificates"));
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fleet_certificate_expires_in_seconds{source=\"client-certificate\",subject=\"CN=kubernetes-admin,O=system:masters\",target=\"cluster/cluster-03\"}"))
                .body(containsString("fleet_certificate_error{source=\"api-server\",target=\"cluster/cluster-05\"} 1.0"));
    }

    @Test
    void runningACheckNeedsTheOperatorRoleAndAKnownName() {
        as(Tokens.viewer()).post("/api/v1/checks/certificates/run").then().statusCode(403);
        as(Tokens.operator()).post("/api/v1/checks/nothing/run").then().statusCode(404);
        as(Tokens.operator()).post("/api/v1/checks/Bad_Name/run").then().statusCode(400);
        // A run on demand passes the door like every action: an operation of kind check, audited, refusals too.
        as(Tokens.operator()).post("/api/v1/checks/drift/run").then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo("drift"));
        JsonPath operations = as(Tokens.viewer()).get("/api/v1/operations").then().statusCode(200).extract().jsonPath();
        assertThat(operations.getList("findAll { it.kind == 'check' && it.target == 'check/drift' }.state")).contains("succeeded");
        JsonPath audit = as(Tokens.viewer()).get("/api/v1/audit?limit=5000").then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("findAll { it.command == 'check' && it.target == 'check/certificates' }.outcome")).contains("refused");
        assertThat(audit.getList("findAll { it.command == 'check' && it.target == 'check/drift' }.outcome"))
                .contains("accepted", "succeeded");
    }

    @Test
    void chatAndDiagnosticsTellOfTheExpiringClientCertificate() {
        // A chat read shows the latest result and never probes the fleet itself: an operator runs the check at the door.
        as(Tokens.operator()).post("/api/v1/checks/certificates/run").then().statusCode(200);
        String text = json(Tokens.bearer("cert-reader", "fleet-viewer"), "{\"text\":\"certs cluster-03\"}").post("/api/v1/chat")
                .then().statusCode(200).extract().path("text");
        assertThat(text).startsWith("Certificates of cluster-03").contains("⚠ cluster/cluster-03 — client certificate expires in 10 days");
        JsonPath report = as(Tokens.viewer()).get("/api/v1/diagnostics?cluster=cluster-03").then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("findings.rule")).contains("client-certificate-expiry");
        assertThat(report.getString("findings.find { it.rule == 'client-certificate-expiry' }.severity")).isEqualTo("warning");
    }
}
