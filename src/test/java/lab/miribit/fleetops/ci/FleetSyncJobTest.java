package lab.miribit.fleetops.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.testing.GitLabStandIn;
import lab.miribit.fleetops.testing.InjectGitLab;

/**
 * The job template the GitOps repository includes, run for real: its script (all but the package install)
 * in a POSIX shell, in a Git checkout made here, with the variables GitLab sets and a CI job token from the
 * loopback GitLab, against this running fleet-ops.
 */
@QuarkusTest
class FleetSyncJobTest {

    private static final Path TEMPLATE = Path.of("deploy/gitops-ci/fleet-sync.gitlab-ci.yml");

    @InjectGitLab
    GitLabStandIn gitlab;

    @TempDir
    Path checkout;

    private JsonNode job;

    @BeforeEach
    void readTemplate() throws IOException {
        gitlab.reset();
        job = PipelineFilesTest.YAML.readTree(TEMPLATE.toFile()).get("fleet-sync");
    }

    @Test
    void theTemplateDeclaresItsIdTokenAndRunsOnlyForPushesToTheDefaultBranch() {
        assertThat(job.at("/id_tokens/FLEET_OPS_ID_TOKEN/aud").asText()).isEqualTo("fleet-ops");
        assertThat(job.at("/rules/0/if").asText()).contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
                .contains("$CI_PIPELINE_SOURCE == \"push\"");
        assertThat(job.at("/stage").asText()).isEqualTo(".post");
        assertThat(String.join("\n", PipelineFilesTest.texts(job.get("script")))).contains("/api/v1/sync")
                .doesNotContain("CI_REPOSITORY_URL\"").doesNotContain("CI_JOB_TOKEN");
    }

    @Test
    void aMergeThatTouchesAnEdgeIsSyncedAndTheJobPasses() throws Exception {
        String[] shas = commitChange("deploy/overlays/cluster-02-edge/longhorn/values.yaml");
        Result result = runJob(gitlab.sign(gitlab.ciClaims()), shas[0], shas[1]);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("deploy/overlays/cluster-02-edge/longhorn/values.yaml")
                .contains("succeeded: synced 1 application").contains("wave 1: longhorn-cluster-02");
    }

    @Test
    void aSyncThatFailsFailsThePipeline() throws Exception {
        String[] shas = commitChange("deploy/overlays/cluster-01-central/thanos-compactor/deployment.yaml");
        Result result = runJob(gitlab.sign(gitlab.ciClaims()), shas[0], shas[1]);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("failed: ").contains("thanos-compactor");
    }

    @Test
    void aRefusedJobFailsWithFleetOpsReason() throws Exception {
        String[] shas = commitChange("deploy/overlays/cluster-02-edge/longhorn/values.yaml");
        Result result = runJob(gitlab.sign(gitlab.ciClaims().claim("ref_protected", "false")), shas[0], shas[1]);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("fleet-ops refused the sync (403)").contains("branch main is not protected");
    }

    private record Result(int exitCode, String output) {
    }

    /** A checkout with one commit before and one that changes {@code path}; returns both SHAs. */
    private String[] commitChange(String path) throws IOException, InterruptedException {
        git("init", "-q", "-b", "main");
        Path file = checkout.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "replicas: 1\n");
        Files.writeString(checkout.resolve("README.md"), "fleet\n");
        git("add", "-A");
        git("commit", "-q", "-m", "before");
        String before = git("rev-parse", "HEAD");
        Files.writeString(file, "replicas: 2\n");
        git("commit", "-q", "-am", "the change");
        return new String[] { before, git("rev-parse", "HEAD") };
    }

    private Result runJob(String idToken, String before, String sha) throws IOException, InterruptedException {
        List<String> lines = PipelineFilesTest.texts(job.get("script")).stream()
                .filter(line -> !line.startsWith("apk add")).toList();
        Path script = checkout.resolve(".job.sh");
        Files.writeString(script, "set -e\n" + String.join("\n", lines) + "\n");
        ProcessBuilder shell = new ProcessBuilder("sh", script.toString()).directory(checkout.toFile()).redirectErrorStream(true);
        Map<String, String> env = shell.environment();
        env.put("FLEET_OPS_URL", "http://localhost:" + RestAssured.port);
        env.put("FLEET_OPS_ID_TOKEN", idToken);
        env.put("FLEET_SYNC_TIMEOUT_SECONDS", "60");
        env.put("CI_COMMIT_BEFORE_SHA", before);
        env.put("CI_COMMIT_SHA", sha);
        String repo = DemoFleetSeed.REPO_URL.substring(0, DemoFleetSeed.REPO_URL.indexOf("/observability"));
        env.put("CI_SERVER_URL", repo);
        env.put("CI_PROJECT_PATH", GitLabStandIn.PROJECT);
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the job did not end: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=CI", "-c", "user.email=ci@example.invalid",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + ": " + output);
        }
        return output;
    }
}
