package lab.miribit.fleetops.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import lab.miribit.fleetops.operations.FleetRole;

/**
 * The demo users ({@code viewer}, {@code operator}, {@code admin}, {@code ci}; password {@code demo}) for HTTP
 * Basic. Outside the demo profile it refuses everyone, so Basic credentials can never open a production
 * instance.
 */
@ApplicationScoped
class DemoUsers implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final byte[] PASSWORD = "demo".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, FleetRole> USERS = Map.of(
            "viewer", FleetRole.VIEWER, "operator", FleetRole.OPERATOR, "admin", FleetRole.ADMIN, "ci", FleetRole.CI);

    private final DemoConfig config;

    DemoUsers(DemoConfig config) {
        this.config = config;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        FleetRole role = USERS.get(request.getUsername());
        byte[] given = new String(request.getPassword().getPassword()).getBytes(StandardCharsets.UTF_8);
        // Compare even for unknown users so that timing does not tell which user names exist.
        boolean passwordMatches = MessageDigest.isEqual(given, PASSWORD);
        if (!config.enabled() || role == null || !passwordMatches) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                .addRole(role.roleName())
                .build());
    }
}
