package lab.miribit.fleetops.deploy;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import lab.miribit.fleetops.testing.Tokens;

/** The alerts and the dashboard query metrics the running service really exports, under those names. */
@QuarkusTest
class MonitoringMetricsTest {

    private static final Pattern METRIC = Pattern.compile("\\bfleet_[a-z0-9_]+");

    @Test
    void everyMetricTheRulesAndTheDashboardUseIsExported() throws IOException {
        String id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/longhorn-cluster-04/sync").then().statusCode(202)
                .extract().path("id");
        awaitFinished(Tokens.viewer(), id);
        as(Tokens.operator()).post("/api/v1/checks/certificates/run").then().statusCode(200);
        as(Tokens.operator()).post("/api/v1/checks/s3/run").then().statusCode(200);
        String exported = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        Set<String> used = new TreeSet<>();
        for (String file : new String[] { "deploy/fleet-ops/monitoring/prometheusrule.yaml", "deploy/fleet-ops/monitoring/dashboard.json" }) {
            Matcher m = METRIC.matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertThat(used).contains("fleet_certificate_expires_in_seconds", "fleet_s3_up", "fleet_operations_total",
                "fleet_cluster_connection", "fleet_applications");
        for (String metric : used) {
            assertThat(exported).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
        }
    }
}
