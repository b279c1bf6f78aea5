package lab.miribit.fleetops.status;

import java.util.List;

/** An application as the REST API and chat show it (CONTRACT.md, {@code GET /apps}). */
public record AppView(String name, String project, String cluster, String namespace, String repoURL, String path,
        String targetRevision, int syncWave, Sync sync, Health health, OperationSummary operation, AutoSync autoSync) {

    public record Sync(String status, String revision) {
    }

    public record Health(String status, String message) {
    }

    /** Argo CD's last (or running) operation on the application. */
    public record OperationSummary(String phase, String message, String startedAt, String finishedAt) {
    }

    public record AutoSync(boolean enabled, boolean prune, boolean selfHeal) {
    }

    /** {@code GET /apps/{app}}: the summary plus the resources Argo CD manages and its conditions. */
    public record Detail(String name, String project, String cluster, String namespace, String repoURL, String path,
            String targetRevision, int syncWave, Sync sync, Health health, OperationSummary operation, AutoSync autoSync,
            List<Resource> resources, String resourceHealth, String syncWindow, List<Condition> conditions) {

        /**
         * @param resourceHealth where each resource's health is: null when Argo CD keeps it in the Application (then
         *                       it is in {@code resources}), else a note saying why it is not there
         * @param syncWindow     Argo CD's refusal while the AppProject's sync windows block a sync now, else null
         */
        static Detail of(AppView app, List<Resource> resources, String resourceHealth, String syncWindow,
                List<Condition> conditions) {
            return new Detail(app.name(), app.project(), app.cluster(), app.namespace(), app.repoURL(), app.path(),
                    app.targetRevision(), app.syncWave(), app.sync(), app.health(), app.operation(), app.autoSync(),
                    resources, resourceHealth, syncWindow, conditions);
        }
    }

    public record Resource(String group, String kind, String namespace, String name, String status, String health,
            String healthMessage) {
    }

    public record Condition(String type, String message, String lastTransitionTime) {
    }

    public record HistoryEntry(long id, String revision, String deployedAt, Source source, String initiatedBy) {
    }

    public record Source(String repoURL, String path, String targetRevision) {
    }
}
