package lab.miribit.fleetops.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import org.jboss.logging.Logger;

import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import lab.miribit.fleetops.operations.FleetRole;

/**
 * Replaces whatever roles an authenticated identity arrived with by fleet roles: the configured claim's values
 * mapped through {@code fleet.security.role-mapping}, then expanded along the viewer < operator < admin hierarchy.
 * Anything that maps to no fleet role grants nothing.
 */
@ApplicationScoped
class FleetRoleAugmentor implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(FleetRoleAugmentor.class);

    /** Set on a GitLab CI identity: the name it acts under. */
    static final String CALLER_ATTRIBUTE = "fleet-ops.caller";
    /** Set on a GitLab CI identity that may not act: why. */
    static final String REFUSAL_ATTRIBUTE = "fleet-ops.refusal";

    private final SecurityConfig config;
    private final GitLabCiPolicy ciPolicy;

    FleetRoleAugmentor(SecurityConfig config, GitLabCiPolicy ciPolicy) {
        this.config = config;
        this.ciPolicy = ciPolicy;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        if (GitLabCiTenant.TENANT.equals(identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE))
                && identity.getPrincipal() instanceof JsonWebToken job) {
            return Uni.createFrom().item(ciIdentity(identity, job));
        }
        Set<String> granted = new HashSet<>(identity.getRoles());
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            granted.addAll(claimValues(token.getClaim(config.rolesClaim())));
        }
        Set<FleetRole> roles = EnumSet.noneOf(FleetRole.class);
        for (String value : granted) {
            String mapped = config.roleMapping().getOrDefault(value, value);
            FleetRole.fromName(mapped).ifPresent(role -> roles.addAll(role.withIncluded()));
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .setAnonymous(false);
        roles.forEach(role -> builder.addRole(role.roleName()));
        return Uni.createFrom().item(builder.build());
    }

    /** A CI job gets fleet-ci when the policy lets it, and no role (so 403) otherwise; its own claims grant nothing. */
    private SecurityIdentity ciIdentity(SecurityIdentity identity, JsonWebToken job) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(CALLER_ATTRIBUTE, ciPolicy.callerName(job))
                .setAnonymous(false);
        ciPolicy.refusal(job).ifPresentOrElse(why -> {
            LOG.infof("GitLab CI token refused: %s", why);
            builder.addAttribute(REFUSAL_ATTRIBUTE, why);
        }, () -> builder.addRole(FleetRole.CI_NAME));
        return builder.build();
    }

    private static Set<String> claimValues(Object claim) {
        Set<String> values = new HashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString string) {
                    values.add(string.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(item -> values.add(String.valueOf(item)));
        } else if (claim instanceof JsonString string) {
            values.add(string.getString());
        } else if (claim instanceof String string) {
            values.add(string);
        }
        return values;
    }
}
