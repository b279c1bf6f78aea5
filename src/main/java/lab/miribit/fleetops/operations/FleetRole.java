package lab.miribit.fleetops.operations;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of CONTRACT.md. Viewer, operator and admin are hierarchical (each includes the ones below);
 * {@code fleet-ci} stands apart: it may sync what a merge changed and read operations, nothing else.
 */
public enum FleetRole {
    VIEWER("fleet-viewer"), OPERATOR("fleet-operator"), ADMIN("fleet-admin"), CI("fleet-ci");

    public static final String VIEWER_NAME = "fleet-viewer";
    public static final String OPERATOR_NAME = "fleet-operator";
    public static final String ADMIN_NAME = "fleet-admin";
    public static final String CI_NAME = "fleet-ci";

    private final String roleName;

    FleetRole(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    /** This role and every role it includes. */
    public Set<FleetRole> withIncluded() {
        return switch (this) {
            case VIEWER -> EnumSet.of(VIEWER);
            case OPERATOR -> EnumSet.of(VIEWER, OPERATOR);
            case ADMIN -> EnumSet.of(VIEWER, OPERATOR, ADMIN);
            case CI -> EnumSet.of(CI);
        };
    }

    public static Optional<FleetRole> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (FleetRole role : values()) {
            if (role.roleName.equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
