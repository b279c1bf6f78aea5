package lab.miribit.fleetops.argocd;

import java.time.Instant;
import java.util.List;

/**
 * Whether an AppProject's sync windows let an application sync now, decided as Argo CD decides it
 * (pkg/apis/application/v1alpha1/types.go at v3.1.8, {@code SyncWindows.Matches(app).CanSync(isManual)}).
 * argocd-server asks with {@code isManual = true} before writing a sync; the controller asks again before it
 * runs an operation (manual unless {@code initiatedBy.automated}) and before it starts an automated sync.
 */
public final class SyncWindows {

    /** argocd-server's refusal (server/application/application.go, Sync). */
    public static final String BLOCKED = "cannot sync: blocked by sync window";
    /** The controller's message on an operation it keeps waiting (controller/sync.go). */
    public static final String OPERATION_BLOCKED = "Sync operation blocked by sync window";

    private final List<SyncWindow> windows;

    private SyncWindows(List<SyncWindow> windows) {
        this.windows = windows;
    }

    /** The windows of {@code project} that apply to the application, destination and namespace given. */
    public static SyncWindows matching(AppProject project, String app, String namespace, String clusterName, String clusterServer) {
        List<SyncWindow> all = project == null ? List.of() : project.syncWindows();
        return new SyncWindows(all.stream().filter(w -> w.appliesTo(app, namespace, clusterName, clusterServer)).toList());
    }

    public static SyncWindows matching(AppProject project, Application app) {
        Application.Destination destination = app.getSpec() == null ? null : app.getSpec().destination();
        return matching(project, app.getMetadata().getName(), destination == null ? null : destination.namespace(),
                destination == null ? null : destination.name(), destination == null ? null : destination.server());
    }

    /**
     * CanSync: no window applies → yes; an open deny window → only a manual sync, and only when every open deny
     * window allows manual syncs; else an open allow window → yes; else allow windows that are all closed → only a
     * manual sync they all allow; only closed deny windows → yes.
     *
     * @throws IllegalArgumentException "invalid sync windows: …" when a schedule or duration cannot be read
     */
    public boolean canSync(boolean manual, Instant now) {
        if (windows.isEmpty()) {
            return true;
        }
        List<SyncWindow> open;
        try {
            open = windows.stream().filter(w -> w.activeAt(now)).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid sync windows: " + e.getMessage());
        }
        List<SyncWindow> openDeny = open.stream().filter(SyncWindow::deny).toList();
        if (!openDeny.isEmpty()) {
            return manual && openDeny.stream().allMatch(SyncWindow::manualSyncAllowed);
        }
        if (open.stream().anyMatch(SyncWindow::allow)) {
            return true;
        }
        List<SyncWindow> closedAllow = windows.stream().filter(SyncWindow::allow).toList();
        if (!closedAllow.isEmpty()) {
            return manual && closedAllow.stream().allMatch(SyncWindow::manualSyncAllowed);
        }
        return true;
    }
}
