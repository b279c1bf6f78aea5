package lab.miribit.fleetops.argocd;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.Fleet;

/** Where an application deploys to: the fleet cluster its {@code spec.destination} names. */
@ApplicationScoped
public class Placement {

    private final Fleet fleet;

    Placement(Fleet fleet) {
        this.fleet = fleet;
    }

    public Optional<Cluster> clusterOf(Application app) {
        Application.Spec spec = app.getSpec();
        if (spec == null || spec.destination() == null) {
            return Optional.empty();
        }
        return fleet.forDestination(spec.destination().server(), spec.destination().name());
    }

    /** The destination cluster's name, or the raw destination when it is not a fleet cluster. */
    public String clusterNameOf(Application app) {
        return clusterOf(app).map(Cluster::name).orElseGet(() -> {
            Application.Spec spec = app.getSpec();
            if (spec == null || spec.destination() == null) {
                return null;
            }
            return spec.destination().name() != null ? spec.destination().name() : spec.destination().server();
        });
    }
}
