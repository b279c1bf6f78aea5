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
import lab.miribit.fleetops.testing.Management;
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
        String exported = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();

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

    /**
     * Counters exist at 0 for every kind, outcome and channel before anything happened (increase() needs two samples,
     * so an alert on a counter first seen at 1 never fires), and every label a rule or panel selects or groups by is
     * on the series it queries.
     */
    @Test
    void everySeriesTheRulesQueryExistsWithTheirLabels() throws IOException {
        String exported = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        // No test registers a cluster from the schedule, let alone fails to: this series is there from the start.
        assertThat(exported).containsPattern("(?m)^fleet_operations_total\\{(?=[^}]*kind=\"register-cluster\")"
                + "(?=[^}]*outcome=\"failed\")(?=[^}]*via=\"schedule\")[^}]*} 0\\.0$");
        Pattern selector = Pattern.compile("(fleet_[a-z0-9_]+)\\{([^}]*)}");
        Pattern by = Pattern.compile("by \\(([^)]*)\\) \\((fleet_[a-z0-9_]+)");
        for (String file : new String[] { "deploy/fleet-ops/monitoring/prometheusrule.yaml", "deploy/fleet-ops/monitoring/dashboard.json" }) {
            String text = Files.readString(Path.of(file)).replace("\\\"", "\"");
            Matcher m = selector.matcher(text);
            while (m.find()) {
                StringBuilder lookahead = new StringBuilder("(?m)^" + m.group(1) + "\\{");
                for (String matcher : m.group(2).split(",")) {
                    if (!matcher.isBlank() && matcher.contains("=\"") && !matcher.contains("$")) {
                        lookahead.append("(?=[^}]*").append(Pattern.quote(matcher.trim())).append(")");
                    }
                }
                assertThat(exported).as(file + ": " + m.group()).containsPattern(lookahead + "[^}]*}");
            }
            Matcher grouped = by.matcher(text);
            while (grouped.find()) {
                for (String label : grouped.group(1).split(",")) {
                    assertThat(exported).as(file + ": " + grouped.group()).containsPattern(
                            "(?m)^" + grouped.group(2) + "\\{[^}]*\\b" + label.trim() + "=\"");
                }
            }
        }
    }
}
