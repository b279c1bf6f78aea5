package lab.miribit.fleetops.checks;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.testing.InjectS3;
import lab.miribit.fleetops.testing.Management;
import lab.miribit.fleetops.testing.S3Server;
import lab.miribit.fleetops.testing.S3ServerResource;
import lab.miribit.fleetops.testing.Tokens;
import lab.miribit.fleetops.storage.StorageConfig;
import lab.miribit.fleetops.storage.ObjectStore;

/** The S3 check against a real S3 server on loopback (s3rver, which verifies signatures). */
@QuarkusTest
public class S3CheckTest {

    @InjectS3
    S3Server s3;

    private static JsonPath runCheck() {
        return as(Tokens.operator()).post("/api/v1/checks/s3/run").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> item(JsonPath result, String target) {
        List<Map<String, Object>> items = result.getList("items");
        return items.stream().filter(i -> target.equals(i.get("target"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + target + " in " + result.prettify()));
    }

    @Test
    void theEndpointKeysBucketsAndARoundTripAreChecked() {
        JsonPath result = runCheck();
        assertThat(item(result, "endpoint").get("status")).isEqualTo("ok");
        assertThat(item(result, "bucket/gitlab-lfs").get("status")).isEqualTo("ok");
        Map<String, Object> missing = item(result, "bucket/" + S3ServerResource.MISSING_BUCKET);
        assertThat(missing.get("status")).isEqualTo("critical");
        assertThat((String) missing.get("summary")).startsWith("missing");
        Map<String, Object> probe = item(result, "probe");
        assertThat(probe.get("status")).isEqualTo("ok");
        assertThat((String) probe.get("summary")).startsWith("put, get and delete took");
        assertThat(result.getString("status")).isEqualTo("critical");
        Management.given().get("/q/metrics").then()
                .body(containsString("fleet_s3_up 1.0"))
                .body(containsString("fleet_s3_bucket_present{bucket=\"" + S3ServerResource.MISSING_BUCKET + "\"} 0.0"))
                .body(containsString("fleet_s3_probe_seconds"));
    }

    @Test
    void wrongKeysAreRefusedByTheServerAndSaidSoWithoutTheKeys() {
        ObjectStore wrong = new ObjectStore(config(s3.endpoint(), "S3RVER", "not-the-secret"));
        assertThatThrownBy(wrong::bucketNames).isInstanceOf(ObjectStore.StorageFailure.class)
                .hasMessage("S3 refused the credentials (SignatureDoesNotMatch)")
                .satisfies(e -> assertThat(((ObjectStore.StorageFailure) e).kind()).isEqualTo(ObjectStore.StorageFailure.Kind.CREDENTIALS));
        ObjectStore unknown = new ObjectStore(config(s3.endpoint(), "NOBODY", "S3RVER"));
        assertThatThrownBy(unknown::bucketNames).hasMessageContaining("S3 refused the credentials")
                .hasMessageNotContaining("NOBODY");
    }

    @Test
    void anS3OutageIsReportedAndRecoveredFrom() {
        s3.stop();
        try {
            JsonPath down = runCheck();
            assertThat(down.getString("status")).isEqualTo("critical");
            assertThat(item(down, "endpoint").get("summary")).isEqualTo("S3 endpoint not reachable (connection refused)");
            Management.given().get("/q/metrics").then().body(containsString("fleet_s3_up 0.0"));
            String chat = json(Tokens.bearer("s3-asker", "fleet-viewer"), "{\"text\":\"s3\"}").post("/api/v1/chat").then()
                    .extract().path("text");
            assertThat(chat).startsWith("S3: critical").contains("connection refused");
        } finally {
            s3.start();
        }
        assertThat(item(runCheck(), "endpoint").get("status")).isEqualTo("ok");
    }

    public static StorageConfig config(String endpoint, String accessKey, String secretKey) {
        return new StorageConfig() {
            @Override
            public Optional<String> endpoint() {
                return Optional.of(endpoint);
            }

            @Override
            public Optional<String> accessKey() {
                return Optional.of(accessKey);
            }

            @Override
            public Optional<String> secretKey() {
                return Optional.of(secretKey);
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public List<String> buckets() {
                return List.of("gitlab-lfs");
            }

            @Override
            public String probeBucket() {
                return "gitlab-tmp";
            }

            @Override
            public Duration interval() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(2);
            }
        };
    }
}
