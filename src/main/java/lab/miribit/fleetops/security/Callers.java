package lab.miribit.fleetops.security;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Via;

/** Turns an authenticated identity into the {@link Caller} that commands run as. */
@ApplicationScoped
public class Callers {

    public Caller of(SecurityIdentity identity, Via via) {
        Set<FleetRole> roles = EnumSet.noneOf(FleetRole.class);
        identity.getRoles().forEach(name -> FleetRole.fromName(name).ifPresent(roles::add));
        return new Caller(identity.getPrincipal().getName(), roles, via);
    }
}
