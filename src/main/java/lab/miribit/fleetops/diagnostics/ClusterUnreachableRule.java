package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.Connection;
import lab.miribit.fleetops.fleet.ConnectionMonitor;

/**
 * Runbook: "Edge cluster unreachable from the central cluster" — the cluster Secret, and what a fresh probe of
 * its API server with the Secret's credentials says (TLS, token, /version).
 */
@ApplicationScoped
class ClusterUnreachableRule implements DiagnosticRule {

    private final ConnectionMonitor connections;

    ClusterUnreachableRule(ConnectionMonitor connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return "cluster-unreachable";
    }

    @Override
    public List<Finding> check(DiagnosticScope scope) {
        List<Finding> findings = new ArrayList<>();
        // A fresh look, all clusters side by side: a dead one costs its own timeout, not everyone's.
        if (scope.clusters().size() == 1) {
            connections.probe(scope.clusters().get(0));
        } else {
            connections.probeAll();
        }
        for (Cluster cluster : scope.clusters()) {
            Connection connection = connections.connection(cluster.name());
            if (connection.state() != Connection.State.Failed) {
                continue;
            }
            List<String> evidence = new ArrayList<>();
            evidence.add(cluster.secretName() == null ? "in-cluster (no cluster Secret)"
                    : "cluster Secret " + cluster.secretName() + " present, server " + cluster.server());
            evidence.add("probe of /version: " + connection.message());
            String remedy = cluster.inCluster() ? "check fleet-ops' service account and the API server of the central cluster"
                    : remedyFor(connection.message(), cluster);
            findings.add(new Finding(name(), Finding.Severity.CRITICAL, "cluster/" + cluster.name(),
                    cluster.name() + " cannot be reached with the credentials Argo CD holds", evidence, remedy));
        }
        return findings;
    }

    private static String remedyFor(String message, Cluster cluster) {
        if (message.contains("TLS")) {
            return "the API server's certificate is not trusted by the caData in " + cluster.secretName()
                    + ", or the client certificate was refused: update the Secret from the cluster's current kubeconfig";
        }
        if (message.contains("HTTP 401") || message.contains("HTTP 403")) {
            return "the token or client certificate in " + cluster.secretName() + " is no longer accepted (an expired"
                    + " kubeadm client certificate is the usual cause): register the cluster again with a ServiceAccount token";
        }
        return "check the network path from the central cluster to " + cluster.server()
                + " (firewall, routing, the API server itself on the edge cluster)";
    }
}
