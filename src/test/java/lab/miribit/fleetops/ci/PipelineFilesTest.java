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
        assertThat(script(pipeline, "image")).contains("buildah push \"$IMAGE\"");
        assertThat(pipeline.at("/image/needs/0").asText()).isEqualTo("native");
        assertThat(pipeline.at("/deploy/needs/0").asText()).isEqualTo("image");
        assertThat(script(pipeline, "deploy")).contains("deploy/fleet-ops/overlays/cluster-01-central/kustomization.yaml").doesNotContain("kubectl");
        for (String job : List.of("test", "native-sources", "native", "image", "deploy")) {
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
        assertThat(texts(bumped.get("resources"))).containsExactly("../../base", "../../monitoring", "sealedsecret.yaml");
        assertThat(bumped.at("/namespace").asText()).isEqualTo("fleet-ops");
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
