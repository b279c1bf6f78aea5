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
import lab.miribit.fleetops.security.DemoSettings;

/**
 * The demo users ({@code viewer}, {@code operator}, {@code admin}, {@code ci}; password {@code demo}) for HTTP
 * Basic. They exist only in dev mode, the tests and the demo artifact: the production build contains neither
 * this class nor HTTP Basic ({@code quarkus.http.auth.basic} is fixed at build time), and a production start
 * with demo settings refuses to start ({@code security.ProductionGuard}).
 */
// Built only into dev mode, the tests and the demo artifact: the production build has no demo code path.
@io.quarkus.arc.profile.IfBuildProfile(anyOf = { "dev", "test", "demo" })
@ApplicationScoped
class DemoUsers implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final byte[] PASSWORD = "demo".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, FleetRole> USERS = Map.of(
            "viewer", FleetRole.VIEWER, "operator", FleetRole.OPERATOR, "admin", FleetRole.ADMIN, "ci", FleetRole.CI);

    private final DemoSettings demo;

    DemoUsers(DemoSettings demo) {
        this.demo = demo;
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
        if (!demo.enabled() || role == null || !passwordMatches) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                .addRole(role.roleName())
                .build());
    }
}
