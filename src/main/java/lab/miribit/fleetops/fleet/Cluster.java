package lab.miribit.fleetops.fleet;

/**
 * One cluster of the fleet.
 *
 * @param name       Argo CD's name for it (the Secret's {@code name} key, or {@code fleet.central.name})
 * @param server     API server URL as Argo CD knows it
 * @param role       central or edge
 * @param secretName the Argo CD cluster Secret describing it, or null for the in-cluster central cluster without one
 */
public record Cluster(String name, String server, ClusterRole role, String secretName) {

    public boolean inCluster() {
        return role == ClusterRole.CENTRAL;
    }
}
