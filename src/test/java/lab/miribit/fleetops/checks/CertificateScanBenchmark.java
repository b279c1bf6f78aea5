package lab.miribit.fleetops.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import lab.miribit.fleetops.checks.CheckResult;
import lab.miribit.fleetops.checks.Checks;

/**
 * The certificate check over 100 loopback TLS endpoints of which 10 never answer (plus the test fleet's
 * clusters), with the default 3 s timeout. Run with {@code ./mvnw verify -Pbenchmark}; results go to
 * {@code target/benchmarks/cert-scan.md}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(CertificateScanBenchmark.HundredEndpoints.class)
class CertificateScanBenchmark {

    public static class HundredEndpoints implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TlsEndpointsResource.class));
        }

        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("fleet.certs.timeout", "3s");
        }
    }

    @Inject
    Checks checks;

    @Test
    void scanOfAHundredEndpoints() throws Exception {
        checks.run("certificates");
        List<Long> millis = new ArrayList<>();
        CheckResult last = null;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            last = checks.run("certificates");
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        long endpoints = last.items().stream().filter(item -> item.target().startsWith("endpoint/")).count();
        long silent = last.items().stream().filter(item -> item.target().startsWith("endpoint/")
                && item.summary().startsWith("no TLS handshake")).count();
        assertThat(endpoints).isEqualTo(TlsEndpointsResource.ANSWERING + TlsEndpointsResource.SILENT);
        assertThat(silent).isEqualTo(TlsEndpointsResource.SILENT);
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        String report = "| scan | endpoints | never answering | items | runs | median ms | max ms |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + "| certificate check, timeout 3 s | " + endpoints + " | " + silent + " | " + last.items().size() + " | "
                + millis.size() + " | " + sorted.get(sorted.size() / 2) + " | " + sorted.get(sorted.size() - 1) + " |\n";
        System.out.println("\n" + report);
        Path out = Path.of("target", "benchmarks", "cert-scan.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }
}
