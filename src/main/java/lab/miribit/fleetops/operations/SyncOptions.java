package lab.miribit.fleetops.operations;

import java.util.List;
import java.util.regex.Pattern;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * How to sync: Argo CD's {@code prune}, {@code dryRun}, {@code revision} and a subset of resources.
 *
 * @param revision  a Git revision other than the application's {@code targetRevision}, or null
 * @param resources a subset of resources to sync, or empty for all
 */
public record SyncOptions(boolean prune, boolean dryRun, String revision, List<ResourceRef> resources) {

    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._/-]{1,200}");

    public SyncOptions {
        resources = resources == null ? List.of() : List.copyOf(resources);
        revision = checkedRevision(revision);
    }

    /** A Git revision as a caller may name it (branch, tag or SHA), trimmed; null when absent. */
    static String checkedRevision(String revision) {
        String trimmed = revision == null || revision.isBlank() ? null : revision.trim();
        if (trimmed != null && !REVISION.matcher(trimmed).matches()) {
            throw new FleetProblem.InvalidInput("invalid revision: use a branch, tag or commit SHA"
                    + " (letters, digits, '.', '_', '-', '/', at most 200 characters)");
        }
        return trimmed;
    }

    public static SyncOptions defaults() {
        return new SyncOptions(false, false, null, List.of());
    }
}
