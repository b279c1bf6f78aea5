package lab.miribit.fleetops.api;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Query parameters read as text and checked here: JAX-RS answers a value it cannot convert with 404 (the spec's rule
 * for query parameters), which tells the caller the resource is missing when the parameter is wrong.
 */
final class QueryParameter {

    private QueryParameter() {
    }

    static int integer(String name, String raw, int absent, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as for a number out of range
        }
        throw new FleetProblem.InvalidInput(name + " must be a whole number from " + min + " to " + max);
    }

    static boolean flag(String name, String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new FleetProblem.InvalidInput(name + " must be true or false");
    }
}
