package lab.miribit.fleetops.security;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.GitLabStandIn;
import lab.miribit.fleetops.testing.GitLabStandInResource;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Management;
import lab.miribit.fleetops.testing.S3Server;
import lab.miribit.fleetops.testing.SlackStandInResource;
import lab.miribit.fleetops.testing.Tokens;

/**
 * Every secret the service can see — cluster tokens, S3 keys, GitLab's token, Slack's, the webhook secret, a
 * password kept in a {@code last-applied-configuration} annotation (CVE-2023-40029's leak) — put where fleet-ops
 * reads, then every read asked through REST, chat and the audit trail while all log output is captured: none
 * of the values appears in any answer or log line.
 */
@QuarkusTest
class SecretsNeverLeakTest {

    private static final String ANNOTATED_PASSWORD = "last-applied-p4ssw0rd-7c1e";
    private static final String GITLAB_S3_SECRET = "gitlab-s3-secret-key-93be";

    @InjectFleet
    EmbeddedFleet fleet;

    @Test
    void noSecretReachesAnAnswerOrTheLog() {
        // A Secret whose last-applied-configuration annotation holds its own data, as `kubectl apply` leaves it.
        fleet.central().client().secrets().inNamespace("monitoring").resource(new SecretBuilder().withNewMetadata()
                .withName("thanos-objstore").withNamespace("monitoring")
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration",
                        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"password\":\"" + ANNOTATED_PASSWORD + "\"}}")
                .endMetadata().addToStringData("password", ANNOTATED_PASSWORD).build()).createOr(r -> r.update());
        // GitLab's object storage Secret, whose keys the diagnostics try against S3.
        fleet.central().client().secrets().inNamespace("gitlab").resource(new SecretBuilder().withNewMetadata()
                .withName("gitlab-object-storage").withNamespace("gitlab").endMetadata()
                .addToStringData("connection", "provider: AWS\nregion: us-east-1\naws_access_key_id: gitlab-s3-access\n"
                        + "aws_secret_access_key: " + GITLAB_S3_SECRET + "\nendpoint: http://127.0.0.1:9\npath_style: true\n")
                .build()).createOr(r -> r.update());

        List<String> secrets = List.of(ANNOTATED_PASSWORD, GITLAB_S3_SECRET, "demo-token-cluster-02", "demo-token-cluster-03",
                "token-of-a-hanging-cluster", S3Server.SECRET_KEY, GitLabStandIn.TOKEN, GitLabStandInResource.WEBHOOK_SECRET,
                "xoxb-0000-test-bot-token", SlackStandInResource.SIGNING_SECRET);

        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringWriter text = new StringWriter();
                text.append(record.getLoggerName()).append(' ').append(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        text.append(' ').append(String.valueOf(parameter));
                    }
                }
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new PrintWriter(text));
                }
                logged.add(text.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<String> answers = new ArrayList<>();
        try {
            for (String path : List.of("/api/v1/clusters", "/api/v1/clusters/cluster-02", "/api/v1/clusters/cluster-03",
                    "/api/v1/apps", "/api/v1/apps/grafana-cluster-01", "/api/v1/apps/grafana-cluster-01/history", "/api/v1/diagnostics",
                    "/api/v1/diagnostics?cluster=cluster-03", "/api/v1/checks", "/api/v1/operations", "/api/v1/audit", "/api/v1/bootstrap")) {
                answers.add(as(Tokens.admin()).get(path).asString());
            }
            for (String path : List.of("/q/metrics", "/q/health", "/q/openapi")) {
                answers.add(Management.given().get(path).asString());
            }
            for (String check : List.of("certificates", "s3", "drift")) {
                answers.add(as(Tokens.operator()).post("/api/v1/checks/" + check + "/run").asString());
            }
            for (String line : List.of("status", "status cluster-02", "apps cluster-03", "certs", "s3", "diagnose", "diagnose cluster-03",
                    "history grafana-cluster-01", "op")) {
                answers.add(json(Tokens.admin(), "{\"text\":\"" + line + "\"}").post("/api/v1/chat").asString());
            }
            String id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/longhorn-cluster-02/sync").then().statusCode(202)
                    .extract().path("id");
            answers.add(awaitFinished(Tokens.viewer(), id).prettify());
            // Wrong credentials answered and logged without echoing what was sent.
            answers.add(RestAssured.given().header("X-Gitlab-Token", GitLabStandInResource.WEBHOOK_SECRET + "x")
                    .contentType("application/json").body("{}").post("/hooks/gitlab").asString());
            answers.add(as(Tokens.operator() + "x").get("/api/v1/clusters").asString());
        } finally {
            root.removeHandler(capture);
        }

        assertThat(answers).hasSizeGreaterThan(25);
        assertThat(logged).as("log records captured").isNotEmpty();
        for (String secret : secrets) {
            assertThat(answers).as("answers").noneMatch(answer -> answer.contains(secret));
            assertThat(logged).as("log").noneMatch(line -> line.contains(secret));
        }
    }
}
