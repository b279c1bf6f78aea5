package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
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
            Note remedy = cluster.inCluster() ? Note.of("diag.cluster-unreachable.in-cluster") : remedyFor(connection.message(), cluster);
            findings.add(new Finding(name(), Finding.Severity.CRITICAL, "cluster/" + cluster.name(),
                    Note.of("diag.cluster-unreachable", cluster.name()), evidence, remedy));
        }
        return findings;
    }

    private static Note remedyFor(String message, Cluster cluster) {
        if (message.contains("TLS")) {
            return Note.of("diag.cluster-unreachable.tls", cluster.secretName());
        }
        if (message.contains("HTTP 401") || message.contains("HTTP 403")) {
            return Note.of("diag.cluster-unreachable.refused", cluster.secretName());
        }
        return Note.of("diag.cluster-unreachable.network", cluster.server());
    }
}
