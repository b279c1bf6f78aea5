package lab.miribit.fleetops.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.CentralClientConfig;
import lab.miribit.fleetops.testing.ServiceProcess;
import lab.miribit.fleetops.testing.Tokens;

/**
 * The production artifact with its identity provider unreachable (nothing listens at the configured realm): a token
 * that is no JWT is a 401 with a challenge — the provider was not needed to see that — a well-formed token is 503
 * with Retry-After, and dozens of such requests leave one WARN line in the log, no ERROR, no stack trace.
 */
class IdentityProviderDownIT {

    private static EmbeddedFleet fleet;

    @BeforeAll
    static void startTheFleet() {
        Tokens.signWithoutTheOidcServer();
        fleet = new EmbeddedFleet("cluster-01", "argocd", Duration.ofMillis(150)).start();
    }

    @AfterAll
    static void stopTheFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void tokensAreAnswered401Or503AndTheOutageIsOneLogLine() throws Exception {
        Map<String, String> config = new CentralClientConfig(fleet.central().url(), fleet.central().caData(), "argocd").properties();
        config.put("quarkus.kubernetes-client.token", "fleet-ops-service-account-token");
        config.put("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + closedPort() + "/realms/fleet");
        config.put("fleet.clusters.probe-interval", "1h");
        try (ServiceProcess service = ServiceProcess.start("fleet-ops-idp-down", config)) {
            int logBefore = service.output().length();
            String wellFormed = Tokens.admin();
            for (int i = 0; i < 20; i++) {
                Response junk = service.as("junk-" + i).get("/api/v1/clusters");
                assertThat(junk.statusCode()).isEqualTo(401);
                assertThat(junk.contentType()).startsWith("application/problem+json");
                assertThat(junk.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"fleet-ops\", error=\"invalid_token\"");

                Response valid = service.as(wellFormed).get("/api/v1/clusters");
                assertThat(valid.statusCode()).isEqualTo(503);
                assertThat(valid.header("Retry-After")).isEqualTo("30");
                assertThat(valid.jsonPath().getString("detail")).contains("identity provider cannot be reached");
            }
            Response anonymous = service.anonymous().get("/api/v1/clusters");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"fleet-ops\"");

            String during = service.output().substring(logBefore);
            assertThat(during).as("the log while 40 tokens were refused").doesNotContain(" ERROR ").doesNotContain("\tat ")
                    .doesNotContain("Caused by");
            assertThat(Arrays.stream(during.split("\n")).filter(line -> line.contains("identity provider")).count()).isEqualTo(1);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
