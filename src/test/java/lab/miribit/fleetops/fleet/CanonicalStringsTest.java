package lab.miribit.fleetops.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Equal short values read from two objects are one instance; long ones are left as read. */
class CanonicalStringsTest {

    record Source(String repoURL, String targetRevision, String message) {
    }

    @Test
    void repeatedShortValuesShareOneInstance() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new CanonicalStrings().customize(mapper);
        String longMessage = "x".repeat(CanonicalStrings.LONGEST + 1);
        String json = "{\"repoURL\":\"https://gitlab.k8s-cluster-01.miribit.lab/observability/thanos-multi-cluster.git\","
                + "\"targetRevision\":\"main\",\"message\":\"" + longMessage + "\"}";
        List<Source> read = List.of(mapper.readValue(json, Source.class), mapper.readValue(json, Source.class));
        assertThat(read.get(0)).isEqualTo(read.get(1));
        assertThat(read.get(0).repoURL()).isSameAs(read.get(1).repoURL());
        assertThat(read.get(0).targetRevision()).isSameAs(read.get(1).targetRevision());
        assertThat(read.get(0).message()).isEqualTo(longMessage).isNotSameAs(read.get(1).message());
        assertThat(mapper.readValue("{\"repoURL\":null}", Source.class).repoURL()).isNull();
    }
}
