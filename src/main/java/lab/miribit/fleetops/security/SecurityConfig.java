package lab.miribit.fleetops.security;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How callers' tokens become fleet roles. */
@ConfigMapping(prefix = "fleet.security")
public interface SecurityConfig {

    /** The token claim holding the caller's groups or roles. */
    @WithDefault("groups")
    String rolesClaim();

    /**
     * Claim value → fleet role ({@code fleet-viewer}, {@code fleet-operator}, {@code fleet-admin}, {@code fleet-ci}),
     * e.g. {@code fleet.security.role-mapping."platform-team"=fleet-admin}. A value that already is a fleet role
     * name maps to itself.
     */
    Map<String, String> roleMapping();
}
