package lab.miribit.fleetops.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A source read from Argo CD and written back (a rollback's sync) keeps every setting, typed or not. */
class ApplicationSourceTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void settingsFleetOpsDoesNotTypeSurviveTheRoundTrip() throws Exception {
        String stored = "{\"repoURL\":\"https://prometheus-community.github.io/helm-charts\",\"chart\":\"kube-prometheus-stack\","
                + "\"targetRevision\":\"65.1.0\",\"helm\":{\"releaseName\":\"kps\",\"valueFiles\":[\"$values/deploy/kps/values.yaml\"],"
                + "\"parameters\":[{\"name\":\"grafana.enabled\",\"value\":\"false\"}]},"
                + "\"kustomize\":{\"namePrefix\":\"edge-\"}}";
        Application.Source source = json.readValue(stored, Application.Source.class);

        assertThat(source.chart()).isEqualTo("kube-prometheus-stack");
        assertThat(source.helm().valueFiles()).containsExactly("$values/deploy/kps/values.yaml");
        assertThat(source.other()).containsKey("kustomize");

        Map<String, Object> written = json.readValue(json.writeValueAsString(source), new TypeReference<>() { });
        Map<String, Object> original = json.readValue(stored, new TypeReference<>() { });
        assertThat(written).isEqualTo(original);
    }
}
