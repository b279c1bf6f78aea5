package lab.miribit.fleetops.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import lab.miribit.fleetops.demo.CertificateAuthority;
import lab.miribit.fleetops.testing.HangingServer;
import lab.miribit.fleetops.testing.TlsServer;

/** 100 TLS endpoints on loopback for the certificate-scan benchmark: 90 that answer, 10 that never do. */
public class TlsEndpointsResource implements QuarkusTestResourceLifecycleManager {

    static final int ANSWERING = 90;
    static final int SILENT = 10;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        CertificateAuthority ca = CertificateAuthority.create("bench CA");
        Instant now = Instant.now();
        List<String> endpoints = new ArrayList<>();
        try {
            for (int i = 0; i < ANSWERING; i++) {
                TlsServer server = new TlsServer(ca.issue("CN=endpoint-" + i, now.minus(1, ChronoUnit.DAYS),
                        now.plus(i, ChronoUnit.DAYS), List.of("localhost")), ca);
                servers.add(server);
                endpoints.add("localhost:" + server.port());
            }
            for (int i = 0; i < SILENT; i++) {
                HangingServer silent = new HangingServer();
                servers.add(silent);
                endpoints.add("localhost:" + silent.port());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("fleet.certs.endpoints", String.join(",", endpoints));
    }

    @Override
    public void stop() {
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception ignored) {
                // the benchmark is over
            }
        }
    }
}
