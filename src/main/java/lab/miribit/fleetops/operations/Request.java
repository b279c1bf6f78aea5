package lab.miribit.fleetops.operations;

/**
 * Anything a caller can ask of fleet-ops, from any transport: an action ({@link Command}), run as an operation at the
 * {@link OperationService}, or a read ({@link Query}), answered at once. Each names the role it needs, so that no
 * transport keeps a role table of its own.
 */
public sealed interface Request permits Command, Query {

    /** The lowest role that may ask for it. */
    FleetRole requiredRole();

    /** Whether a GitLab CI job ({@code fleet-ci}) may ask for it without {@link #requiredRole()}. */
    default boolean allowedForCi() {
        return false;
    }

    /** Whether {@code caller} may ask for it. */
    default boolean allows(Caller caller) {
        return caller.has(requiredRole()) || allowedForCi() && caller.has(FleetRole.CI);
    }
}
