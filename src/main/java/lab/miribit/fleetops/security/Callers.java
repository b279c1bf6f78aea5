package lab.miribit.fleetops.security;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.FleetRole;
import lab.miribit.fleetops.operations.Via;
import lab.miribit.fleetops.problem.FleetProblem;

/** Turns an authenticated identity into the {@link Caller} that commands run as. */
@ApplicationScoped
public class Callers {

    /**
     * @param via how the request came in; a GitLab CI job's token makes it {@link Via#CI} whatever the transport
     * @throws FleetProblem.Forbidden for a GitLab CI job the policy refuses, saying why
     */
    public Caller of(SecurityIdentity identity, Via via) {
        String refusal = identity.getAttribute(FleetRoleAugmentor.REFUSAL_ATTRIBUTE);
        if (refusal != null) {
            throw new FleetProblem.Forbidden(refusal);
        }
        Set<FleetRole> roles = EnumSet.noneOf(FleetRole.class);
        identity.getRoles().forEach(name -> FleetRole.fromName(name).ifPresent(roles::add));
        String ciName = identity.getAttribute(FleetRoleAugmentor.CALLER_ATTRIBUTE);
        String name = identity.getPrincipal().getName();
        // A token's subject is the identity provider's stable id for the user (or the CI job's project and ref);
        // a login name is a label. HTTP Basic (the demo's users) has only the name.
        String id = identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null && !token.getSubject().isBlank()
                ? token.getSubject() : name;
        return ciName != null ? new Caller(id, ciName, roles, Via.CI) : new Caller(id, name, roles, via);
    }
}
