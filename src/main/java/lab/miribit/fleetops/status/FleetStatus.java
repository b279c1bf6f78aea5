package lab.miribit.fleetops.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.Placement;
import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.Connection;
import lab.miribit.fleetops.fleet.ConnectionMonitor;
import lab.miribit.fleetops.fleet.Fleet;
import lab.miribit.fleetops.problem.DnsLabel;

/** The read side: clusters and applications as users see them, from the informer caches only. */
@ApplicationScoped
public class FleetStatus {

    private final Fleet fleet;
    private final ConnectionMonitor connections;
    private final ApplicationCache cache;
    private final Placement placement;
    private final lab.miribit.fleetops.argocd.ArgoCd argoCd;
    private volatile Views views = new Views("", -1, List.of(), Map.of(), Map.of());

    FleetStatus(Fleet fleet, ConnectionMonitor connections, ApplicationCache cache, Placement placement,
            lab.miribit.fleetops.argocd.ArgoCd argoCd) {
        this.fleet = fleet;
        this.connections = connections;
        this.cache = cache;
        this.placement = placement;
        this.argoCd = argoCd;
    }

    public List<ClusterView> clusters() {
        // One pass over the applications, grouped by cluster: a thousand clusters each scanning fifty thousand
        // applications took 0.7 s per list.
        cache.requireSynced();
        Map<String, List<AppView>> byCluster = allViews().byCluster();
        return fleet.clusters().stream().map(cluster -> view(cluster, byCluster.getOrDefault(cluster.name(), List.of()))).toList();
    }

    /** Whether {@code name} is a cluster of the fleet (so a chat target names all of its applications). */
    public boolean hasCluster(String name) {
        return fleet.find(name).isPresent();
    }

    public boolean hasApp(String name) {
        cache.requireSynced();
        return cache.find(name).isPresent();
    }

    public ClusterView.Detail cluster(String name) {
        Cluster cluster = fleet.require(DnsLabel.require("cluster", name));
        List<AppView> apps = apps(AppFilter.none()).stream().filter(app -> cluster.name().equals(app.cluster())).toList();
        ClusterView summary = view(cluster, apps);
        return new ClusterView.Detail(summary.name(), summary.server(), summary.role(), summary.connection(),
                summary.apps(), apps);
    }

    public List<AppView> apps(AppFilter filter) {
        cache.requireSynced();
        if (filter.cluster() != null) {
            fleet.require(filter.cluster());
        }
        Views current = allViews();
        if (filter.equals(AppFilter.none())) {
            return current.views();
        }
        List<AppView> all = filter.cluster() == null ? current.views() : current.byCluster().getOrDefault(filter.cluster(), List.of());
        List<AppView> out = new ArrayList<>();
        for (AppView view : all) {
            if (filter.matches(view)) {
                out.add(view);
            }
        }
        return out;
    }

    /**
     * Identifies the current state of every application view: it changes whenever an Application or the set
     * of clusters changes, so anything derived from the views may be reused while it stays the same.
     */
    public String version() {
        return cache.generation() + "." + fleet.version();
    }

    /** Every application's view, built once per change of the applications or the clusters, not per request. */
    /**
     * The views of every application at the current version. Argo CD rewrites an Application's status at every
     * reconciliation, so in a large fleet the version changes many times a second: only the applications whose resource
     * version changed are viewed again, unless the cluster set changed (which moves applications between clusters).
     */
    private Views allViews() {
        Views current = views;
        String now = version();
        if (!current.version().equals(now)) {
            boolean sameClusters = current.fleetVersion() == fleet.version();
            List<AppView> built = new ArrayList<>();
            Map<String, AppView> byResourceVersion = new java.util.HashMap<>();
            for (Application app : cache.list()) {
                String key = app.getMetadata().getName() + "@" + app.getMetadata().getResourceVersion();
                AppView known = sameClusters ? current.byResourceVersion().get(key) : null;
                AppView view = known != null ? known : view(app);
                built.add(view);
                byResourceVersion.put(key, view);
            }
            Map<String, List<AppView>> byCluster = new java.util.HashMap<>();
            built.forEach(view -> byCluster.computeIfAbsent(String.valueOf(view.cluster()), cluster -> new ArrayList<>()).add(view));
            byCluster.replaceAll((cluster, views) -> List.copyOf(views));
            current = new Views(now, fleet.version(), List.copyOf(built), byResourceVersion, byCluster);
            views = current;
        }
        return current;
    }

    /** @param byCluster the views by destination cluster, so that one cluster's list reads only its own */
    private record Views(String version, long fleetVersion, List<AppView> views, Map<String, AppView> byResourceVersion,
            Map<String, List<AppView>> byCluster) {
    }

    static final String NOT_PERSISTED = "not kept in the Application (Argo CD 3.x default); set"
            + " controller.resource.health.persist=true in argocd-cmd-params-cm to see it here";

    public AppView.Detail app(String name) {
        Application app = require(name);
        Application.Status status = app.getStatus();
        List<AppView.Resource> resources = status == null || status.resources() == null ? List.of()
                : status.resources().stream().map(r -> new AppView.Resource(r.group() == null ? "" : r.group(), r.kind(),
                        r.namespace(), r.name(), r.status(), r.health() == null ? null : r.health().status(),
                        r.health() == null ? null : r.health().message())).toList();
        List<AppView.Condition> conditions = status == null || status.conditions() == null ? List.of()
                : status.conditions().stream().map(c -> new AppView.Condition(c.type(), c.message(), c.lastTransitionTime()))
                        .toList();
        // Argo CD 3.x keeps each resource's health in its resource tree, not in the Application, unless
        // controller.resource.health.persist is true (docs/operator-manual/upgrading/2.14-3.0.md).
        String resourceHealth = status != null && "appTree".equals(status.resourceHealthSource()) ? NOT_PERSISTED : null;
        String syncWindow = argoCd.syncWindowRefusal(app, true).orElse(null);
        return AppView.Detail.of(view(app), resources, resourceHealth, syncWindow, conditions);
    }

    /** Deployment history, newest first. */
    public List<AppView.HistoryEntry> history(String name) {
        require(name);
        List<Application.HistoryEntry> newestFirst = new ArrayList<>(argoCd.history(name));
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .map(h -> new AppView.HistoryEntry(h.id() == null ? 0 : h.id(), h.revision(), h.deployedAt(),
                        h.source() == null ? null : new AppView.Source(h.source().repoURL(), h.source().path(),
                                h.source().targetRevision()),
                        h.initiatedBy() == null ? null : h.initiatedBy().username()))
                .toList();
    }

    private Application require(String name) {
        return cache.require(DnsLabel.require("app", name));
    }

    private ClusterView view(Cluster cluster, List<AppView> allApps) {
        Map<String, Integer> sync = new TreeMap<>();
        Map<String, Integer> health = new TreeMap<>();
        int total = 0;
        for (AppView app : allApps) {
            if (cluster.name().equals(app.cluster())) {
                total++;
                sync.merge(app.sync().status(), 1, Integer::sum);
                health.merge(app.health().status(), 1, Integer::sum);
            }
        }
        Connection connection = connections.connection(cluster.name());
        return new ClusterView(cluster.name(), cluster.server(), cluster.role().label(),
                new ClusterView.ConnectionView(connection.state().name(), connection.message(), connection.checkedAt()),
                new ClusterView.AppCounts(total, sync, health));
    }

    /** Argo CD's operation: a requested one the controller has not picked up yet shows as Pending. */
    private static AppView.OperationSummary operationOf(Application app, Application.OperationState op) {
        if (app.getOperation() != null && (op == null || op.completed())) {
            return new AppView.OperationSummary("Pending", "waiting for the Argo CD application controller", null, null);
        }
        return op == null ? null : new AppView.OperationSummary(op.phase(), op.message(), op.startedAt(), op.finishedAt());
    }

    AppView view(Application app) {
        Application.Spec spec = app.getSpec();
        Application.Status status = app.getStatus();
        Application.Source source = app.primarySource();
        Application.Automated automated = spec == null || spec.syncPolicy() == null ? null : spec.syncPolicy().automated();
        Application.OperationState op = status == null ? null : status.operationState();
        return new AppView(
                app.getMetadata().getName(),
                spec == null ? null : spec.project(),
                placement.clusterNameOf(app),
                spec == null || spec.destination() == null ? null : spec.destination().namespace(),
                source == null ? null : source.repoURL(),
                source == null ? null : source.path(),
                source == null ? null : source.targetRevision(),
                app.syncWave(),
                new AppView.Sync(status == null || status.sync() == null || status.sync().status() == null ? "Unknown"
                        : status.sync().status(), status == null || status.sync() == null ? null : status.sync().revision()),
                new AppView.Health(status == null || status.health() == null || status.health().status() == null ? "Unknown"
                        : status.health().status(), status == null || status.health() == null ? null : status.health().message()),
                operationOf(app, op),
                new AppView.AutoSync(app.autoSyncEnabled(), automated != null && Boolean.TRUE.equals(automated.prune()),
                        automated != null && Boolean.TRUE.equals(automated.selfHeal())));
    }
}
