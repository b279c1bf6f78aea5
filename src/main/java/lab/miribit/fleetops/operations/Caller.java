package lab.miribit.fleetops.operations;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who asks, with the roles they hold (already expanded along the hierarchy) and the way they came in.
 *
 * @param name a display name (user name or CI project path); never a token
 */
public record Caller(String name, Set<FleetRole> roles, Via via) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(FleetRole role) {
        return roles.contains(role);
    }

    /** How Argo CD shows who started an operation, e.g. {@code alice via slack (fleet-ops)}. */
    public String initiatedBy() {
        return name + " via " + via.label() + " (fleet-ops)";
    }
}
