package lab.miribit.fleetops.argocd;

import static lab.miribit.fleetops.testing.TestApplications.app;
import static lab.miribit.fleetops.testing.TestApplications.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.TestApplications;
import lab.miribit.fleetops.testing.Tokens;

/**
 * {@code deploy/argocd-conformance/scenario.sh}, the script GitLab CI runs against real Argo CD v3.1.8, run here
 * against the demo fleet: it drives fleet-ops over REST and reads the Applications with the real kubectl.
 */
@QuarkusTest
class ArgoCdScenarioTest {

    private static final Path SCENARIO = Path.of("deploy/argocd-conformance/scenario.sh");

    @InjectFleet
    EmbeddedFleet fleet;

    @TempDir
    Path work;

    @Test
    void theScenarioPassesAgainstTheDemoFleet() throws Exception {
        try (TestApplications apps = new TestApplications(fleet.central().client())) {
            String manual = "scenario-manual";
            String automated = "scenario-automated";
            apps.create(app(manual).with(spec -> spec.put("syncPolicy", Map.of("syncOptions",
                    List.of("CreateNamespace=true", "ServerSideApply=true")))));
            String head = DemoFleetSeed.revision("main@" + automated);
            apps.create(app(automated).with(spec -> spec.put("syncPolicy", Map.of("automated", Map.of("prune", true,
                    "selfHeal", true), "syncOptions", List.of("CreateNamespace=true"))))
                    .deployedAt(head, List.of(deployment("monitoring", automated)))
                    .status(status -> status.put("history", List.of(
                            entry(0, DemoFleetSeed.revision("older@" + automated), automated),
                            entry(1, head, automated)))));

            Path kubeconfig = work.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: central
                      cluster: {server: %s, certificate-authority-data: %s}
                    users:
                    - name: scenario
                      user: {token: scenario}
                    contexts:
                    - name: central
                      context: {cluster: central, user: scenario}
                    current-context: central
                    """.formatted(fleet.central().url(), fleet.central().caData()));

            ProcessBuilder shell = new ProcessBuilder("sh", SCENARIO.toString()).redirectErrorStream(true);
            Map<String, String> env = shell.environment();
            env.put("FLEET_URL", "http://localhost:" + RestAssured.port);
            env.put("FLEET_TOKEN", Tokens.admin());
            env.put("APP_MANUAL", manual);
            env.put("APP_REVISION", "release-1.2");
            env.put("APP_PARENT", "cluster-01-apps");
            env.put("APP_AUTOMATED", automated);
            env.put("REPO_URL", DemoFleetSeed.REPO_URL);
            env.put("CHANGED_PATH", "deploy/overlays/cluster-02-edge/" + automated + "/values.yaml");
            env.put("KUBECONFIG", kubeconfig.toString());
            env.put("WAIT_SECONDS", "60");
            env.put("SETTLE_SECONDS", "2");
            Process process = shell.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the scenario did not end: " + output);
            }
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("all checks passed").doesNotContain("FAIL")
                    .contains("ok:   operation.sync.syncOptions = [\"CreateNamespace=true\",\"ServerSideApply=true\"]")
                    .contains("ok:   automated sync disabled").contains("ok:   Argo CD did not sync the rollback away");
        }
    }

    private static Map<String, Object> entry(long id, String revision, String app) {
        return Map.of("id", id, "revision", revision, "deployedAt", "2026-11-0" + (id + 1) + "T10:00:00Z", "source",
                Map.of("repoURL", DemoFleetSeed.REPO_URL, "path", "deploy/overlays/cluster-02-edge/" + app, "targetRevision", "main"));
    }
}
