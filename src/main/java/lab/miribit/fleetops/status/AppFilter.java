package lab.miribit.fleetops.status;

import java.util.List;
import java.util.Locale;

import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/** Optional filters of {@code GET /apps}; each value is checked before use, so a typo is an error rather than an empty list. */
public record AppFilter(String cluster, String project, String sync, String health) {

    static final List<String> SYNC_STATUSES = List.of("Synced", "OutOfSync", "Unknown");
    static final List<String> HEALTH_STATUSES = List.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");

    public AppFilter {
        cluster = blankToNull(cluster);
        project = blankToNull(project);
        if (cluster != null) {
            DnsLabel.require("cluster", cluster);
        }
        if (project != null) {
            DnsLabel.require("project", project);
        }
        sync = canonical("sync", blankToNull(sync), SYNC_STATUSES);
        health = canonical("health", blankToNull(health), HEALTH_STATUSES);
    }

    public static AppFilter none() {
        return new AppFilter(null, null, null, null);
    }

    boolean matches(AppView app) {
        return (cluster == null || cluster.equals(app.cluster()))
                && (project == null || project.equals(app.project()))
                && (sync == null || sync.equals(app.sync().status()))
                && (health == null || health.equals(app.health().status()));
    }

    private static String canonical(String what, String value, List<String> allowed) {
        if (value == null) {
            return null;
        }
        for (String candidate : allowed) {
            if (candidate.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new FleetProblem.InvalidInput("unknown " + what + " status '" + (value.length() > 40 ? value.substring(0, 40) : value)
                .replaceAll("\\p{Cntrl}", "?") + "'; use one of " + String.join(", ", allowed));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
