package lab.miribit.fleetops.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code config} of an Argo CD cluster Secret: how to authenticate to that cluster's API server.
 * Holds secrets, so {@link #toString()} never prints them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
// Read from Argo CD's cluster Secret JSON with Jackson: kept, with its nested record, in the native image.
@io.quarkus.runtime.annotations.RegisterForReflection(targets = { ClusterCredentials.class, ClusterCredentials.TlsClientConfig.class })
public record ClusterCredentials(String bearerToken, String username, String password, TlsClientConfig tlsClientConfig,
        com.fasterxml.jackson.databind.JsonNode execProviderConfig, com.fasterxml.jackson.databind.JsonNode awsAuthConfig) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TlsClientConfig(String caData, String certData, String keyData, Boolean insecure, String serverName) {
        @Override
        public String toString() {
            return "TlsClientConfig[insecure=" + insecure + ", serverName=" + serverName + ", data redacted]";
        }
    }

    public TlsClientConfig tls() {
        return tlsClientConfig == null ? new TlsClientConfig(null, null, null, false, null) : tlsClientConfig;
    }

    @Override
    public String toString() {
        return "ClusterCredentials[redacted]";
    }
}
