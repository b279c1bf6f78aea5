package lab.miribit.fleetops.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * How fleet-ops reaches an embedded central API server, as the configuration a test resource or a started
 * process receives: its URL (direct, or through a {@link TcpLink}), the CA that verifies its certificate, and
 * the namespace fleet-ops' client defaults to.
 */
public record CentralClientConfig(String url, String caData, String namespace) {

    /** The properties, in a map the caller may add its own settings to. */
    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.kubernetes-client.api-server-url", url);
        properties.put("quarkus.kubernetes-client.ca-cert-data", caData);
        properties.put("quarkus.kubernetes-client.trust-certs", "false");
        properties.put("quarkus.kubernetes-client.namespace", namespace);
        return properties;
    }
}
