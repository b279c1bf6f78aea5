package lab.miribit.fleetops.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A cluster as the REST API and chat show it (CONTRACT.md, {@code GET /clusters}). */
public record ClusterView(String name, String server, String role, ConnectionView connection, AppCounts apps) {

    public record ConnectionView(String state, String message, Instant checkedAt) {
    }

    /** How many applications deploy to the cluster, by sync status and by health status. */
    public record AppCounts(int total, Map<String, Integer> sync, Map<String, Integer> health) {
    }

    /** {@code GET /clusters/{cluster}}: the summary plus the cluster's applications. */
    public record Detail(String name, String server, String role, ConnectionView connection, AppCounts apps,
            List<AppView> applications) {
    }
}
