package lab.miribit.fleetops.certs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fleet.certs")
public interface CertificateConfig {

    /** How often every certificate is inspected. */
    @WithDefault("6h")
    Duration interval();

    /** Days left at or below which a certificate is a warning. */
    @WithDefault("30")
    int warningDays();

    /** Days left at or below which a certificate is critical (an expired one always is). */
    @WithDefault("7")
    int criticalDays();

    /** Extra TLS endpoints to inspect, {@code host:port}, e.g. the Argo CD, GitLab and Grafana ingress hosts. */
    Optional<List<String>> endpoints();

    /** Connect and handshake timeout for one endpoint. */
    @WithDefault("3s")
    Duration timeout();
}
