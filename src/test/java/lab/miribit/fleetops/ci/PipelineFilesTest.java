package lab.miribit.fleetops.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** fleet-ops' own pipeline parses, has its jobs, and its deploy job's edit of the image tag does what it says. */
class PipelineFilesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path work;

    @Test
    void theOwnPipelineTestsBuildsNativePublishesAndDeploysThroughGitOps() throws IOException {
        JsonNode pipeline = YAML.readTree(Path.of(".gitlab-ci.yml").toFile());
        assertThat(texts(pipeline.get("stages"))).containsExactly("test", "native", "image", "deploy");
        assertThat(script(pipeline, "test")).contains("./mvnw -B -ntp verify");
        assertThat(pipeline.at("/native/image/name").asText()).contains("quarkus-mandrel-builder-image");
        // One set of native inputs: checked by .ci/native-sources (here and in CI), compiled by Mandrel from exactly those.
        assertThat(script(pipeline, "native-sources")).isEqualTo(".ci/native-sources");
        assertThat(pipeline.at("/native/needs/0").asText()).isEqualTo("native-sources");
        assertThat(script(pipeline, "native")).contains("cd target/native-sources").contains("native-image $(cat native-image.args)");
        assertThat(Files.readString(Path.of(".ci/run"))).contains(".ci/native-sources");
        assertThat(script(pipeline, "container-image")).contains("buildah push \"$IMAGE\"");
        assertThat(pipeline.at("/container-image/needs/0").asText()).isEqualTo("native");
        assertThat(pipeline.at("/deploy/needs/0").asText()).isEqualTo("container-image");
        assertThat(texts(pipeline.at("/deploy/image/entrypoint"))).containsExactly("");
        assertThat(script(pipeline, "deploy")).contains("${CI_SERVER_PROTOCOL}://").contains("${CI_SERVER_PORT}")
                .doesNotContain("https://oauth2");
        assertThat(script(pipeline, "deploy")).contains("deploy/fleet-ops/overlays/cluster-01-central/kustomization.yaml").doesNotContain("kubectl");
        for (String job : List.of("test", "native-sources", "argocd-conformance", "native", "container-image", "deploy")) {
            assertThat(texts(pipeline.get("stages"))).contains(pipeline.at("/" + job + "/stage").asText());
        }
    }

    @Test
    void theDeployJobBumpsOnlyTheImageOfTheKustomization() throws IOException, InterruptedException {
        JsonNode pipeline = YAML.readTree(Path.of(".gitlab-ci.yml").toFile());
        String bump = texts(pipeline.at("/deploy/script")).stream().filter(line -> line.startsWith("sed -i")).findFirst()
                .orElseThrow();
        Path kustomization = work.resolve("deploy/fleet-ops/overlays/cluster-01-central/kustomization.yaml");
        Files.createDirectories(kustomization.getParent());
        Files.copy(Path.of("deploy/fleet-ops/overlays/cluster-01-central/kustomization.yaml"), kustomization);

        ProcessBuilder withVariables = new ProcessBuilder("sh", "-c", bump).directory(work.toFile()).redirectErrorStream(true);
        withVariables.environment().putAll(Map.of("CI_REGISTRY_IMAGE", "registry.example/platform/fleet-ops",
                "CI_COMMIT_SHORT_SHA", "0e45aa3c"));
        assertThat(run(withVariables.start())).isZero();

        JsonNode bumped = YAML.readTree(kustomization.toFile());
        assertThat(bumped.at("/images/0/newName").asText()).isEqualTo("registry.example/platform/fleet-ops");
        assertThat(bumped.at("/images/0/newTag").asText()).isEqualTo("0e45aa3c");
        assertThat(texts(bumped.get("resources"))).containsExactly("../../base", "../../access", "../../monitoring");
    }

    /**
     * GitLab's own pipeline schema, applied by gitlab-ci-local (npm, installed by the build under target/): the
     * file must pass it, as GitLab refuses a whole pipeline that does not.
     */
    @Test
    void gitlabsSchemaAcceptsThePipelineAndTheJobTemplateAndRefusesAJobNamedImage() throws Exception {
        String own = lint(Files.readString(Path.of(".gitlab-ci.yml")), Map.of());
        assertThat(own).contains("json schema validated").contains("container-image").contains("argocd-conformance")
                .doesNotContain("could not be found");

        String gitops = lint("include:\n  - local: deploy/gitops-ci/fleet-sync.gitlab-ci.yml\n",
                Map.of("deploy/gitops-ci/fleet-sync.gitlab-ci.yml", Files.readString(Path.of("deploy/gitops-ci/fleet-sync.gitlab-ci.yml"))));
        assertThat(gitops).contains("json schema validated").contains("fleet-sync");

        // The check can fail: the same pipeline with the job named "image" again, as GitLab refused it.
        String refused = lintExpectingFailure(Files.readString(Path.of(".gitlab-ci.yml")).replace("container-image", "image"));
        assertThat(refused).contains("needs: [image] for deploy could not be found");
        String unknownKey = lintExpectingFailure("job:\n  script: [\"true\"]\n  imagee: alpine\n");
        assertThat(unknownKey).containsIgnoringCase("imagee");
    }

    private String lint(String pipeline, Map<String, String> files) throws Exception {
        Result result = gitlabCiLocal(pipeline, files);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private String lintExpectingFailure(String pipeline) throws Exception {
        Result result = gitlabCiLocal(pipeline, Map.of());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        return result.output();
    }

    private record Result(int exitCode, String output) {
    }

    /** {@code gitlab-ci-local --list} in a fresh Git checkout holding {@code pipeline} as .gitlab-ci.yml. */
    private Result gitlabCiLocal(String pipeline, Map<String, String> files) throws Exception {
        Path tool = Path.of("target/gitlab-ci-local/node_modules/.bin/gitlab-ci-local").toAbsolutePath();
        assertThat(tool).as("the build installs gitlab-ci-local (npm) under target/").exists();
        Path repo = Files.createTempDirectory(work, "pipeline");
        Files.writeString(repo.resolve(".gitlab-ci.yml"), pipeline);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.createDirectories(repo.resolve(file.getKey()).getParent());
            Files.writeString(repo.resolve(file.getKey()), file.getValue());
        }
        for (List<String> git : List.of(List.of("init", "-q", "-b", "main"), List.of("remote", "add", "origin",
                "https://gitlab.k8s-cluster-01.miribit.lab/platform/fleet-ops.git"), List.of("add", "-A"),
                List.of("-c", "user.name=CI", "-c", "user.email=ci@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "pipeline"))) {
            List<String> command = new java.util.ArrayList<>(List.of("git"));
            command.addAll(git);
            assertThat(run(new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start())).isZero();
        }
        Process lint = new ProcessBuilder(tool.toString(), "--list").directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!lint.waitFor(120, TimeUnit.SECONDS)) {
            lint.destroyForcibly();
            throw new AssertionError("gitlab-ci-local did not end: " + output);
        }
        return new Result(lint.exitValue(), output);
    }

    static List<String> texts(JsonNode array) {
        return array == null ? List.of() : java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    static String script(JsonNode pipeline, String job) {
        return String.join("\n", texts(pipeline.at("/" + job + "/script")));
    }

    static int run(Process process) throws IOException, InterruptedException {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + output);
        }
        if (process.exitValue() != 0) {
            System.out.println(output);
        }
        return process.exitValue();
    }
}
