package lab.miribit.fleetops.status;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.fleet.Connection;
import lab.miribit.fleetops.fleet.ConnectionMonitor;
import lab.miribit.fleetops.fleet.Fleet;
import lab.miribit.fleetops.fleet.FleetConfig;

/**
 * Ready when the central cluster's API answers and the caches have listed it once. Edge clusters never
 * make fleet-ops unready: a dead edge is a finding to report, not a reason to stop serving.
 */
@Readiness
@ApplicationScoped
class FleetReadiness implements HealthCheck {

    private final ApplicationCache applications;
    private final Fleet fleet;
    private final ConnectionMonitor connections;
    private final String central;

    FleetReadiness(ApplicationCache applications, Fleet fleet, ConnectionMonitor connections, FleetConfig config) {
        this.applications = applications;
        this.fleet = fleet;
        this.connections = connections;
        this.central = config.central().name();
    }

    @Override
    public HealthCheckResponse call() {
        Connection connection = connections.connection(central);
        boolean centralUp = connection.state() != Connection.State.Failed;
        return HealthCheckResponse.named("fleet")
                .status(centralUp && applications.synced() && fleet.synced())
                .withData("centralApi", connection.state().name())
                .withData("applicationsSynced", applications.synced())
                .withData("clustersSynced", fleet.synced())
                .build();
    }
}
