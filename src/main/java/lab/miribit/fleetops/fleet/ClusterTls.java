package lab.miribit.fleetops.fleet;

/**
 * The public half of how a cluster is reached over TLS: its API server, the CA its certificate must chain to,
 * and the client certificate presented to it (never the key).
 *
 * @param caData         base64 PEM, or null to trust the JDK's CAs
 * @param clientCertData base64 PEM, or null when the cluster is reached with a token
 */
public record ClusterTls(String server, String caData, String clientCertData) {
}
