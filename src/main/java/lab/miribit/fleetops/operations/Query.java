package lab.miribit.fleetops.operations;

/**
 * A read: it changes nothing and runs no operation, so it is answered where it is asked; names in it are valid
 * RFC 1123 labels.
 */
public sealed interface Query extends Request {

    @Override
    default FleetRole requiredRole() {
        return FleetRole.VIEWER;
    }

    /** {@code target} is a cluster or application name, or null for the whole fleet. */
    record Status(String target) implements Query {
    }

    /** The applications, of one cluster when {@code cluster} is set, narrowed to those out of sync or unhealthy. */
    record Apps(String cluster, boolean outOfSync, boolean unhealthy) implements Query {
    }

    /** An application's deployment history, as Argo CD keeps it. */
    record History(String app) implements Query {
    }

    /** {@code id} of one operation, or null for the latest ones. */
    record Op(String id) implements Query {
        /** A CI job follows the operation its merge started. */
        @Override
        public boolean allowedForCi() {
            return true;
        }
    }

    /** {@code target} is a cluster or application name, or null for the whole fleet. */
    record Diagnose(String target) implements Query {
    }

    /** The latest certificate check, narrowed to {@code cluster} when it is set. */
    record Certs(String cluster) implements Query {
    }

    /** The latest S3 check. */
    record S3() implements Query {
    }
}
