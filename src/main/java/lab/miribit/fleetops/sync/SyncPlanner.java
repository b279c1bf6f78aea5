package lab.miribit.fleetops.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.argocd.Placement;
import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.Fleet;
import lab.miribit.fleetops.operations.SyncOptions;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Turns a sync target into waves of applications and applies Argo CD's preconditions to every one of them
 * before anything is written, so a refused sync leaves the fleet untouched.
 */
@ApplicationScoped
class SyncPlanner {

    private final ApplicationCache cache;
    private final Placement placement;
    private final Fleet fleet;

    SyncPlanner(ApplicationCache cache, Placement placement, Fleet fleet) {
        this.cache = cache;
        this.placement = placement;
        this.fleet = fleet;
    }

    SyncPlan forApp(String app, SyncOptions options) {
        return plan(List.of(requireApp(app)), options);
    }

    SyncPlan forCluster(String clusterName, SyncOptions options) {
        Cluster cluster = fleet.require(DnsLabel.require("cluster", clusterName));
        cache.requireSynced();
        rejectResourceSubset(options);
        List<Application> apps = cache.list().stream()
                .filter(app -> placement.clusterOf(app).map(c -> c.name().equals(cluster.name())).orElse(false))
                .toList();
        if (apps.isEmpty()) {
            throw new FleetProblem.InvalidInput("cluster '" + cluster.name() + "' has no applications to sync");
        }
        return plan(apps, options);
    }

    SyncPlan forApps(Collection<String> names, SyncOptions options) {
        if (names == null || names.isEmpty()) {
            throw new FleetProblem.InvalidInput("apps must name at least one application");
        }
        rejectResourceSubset(options);
        List<Application> apps = names.stream().distinct().map(this::requireApp).toList();
        return plan(apps, options);
    }

    private Application requireApp(String name) {
        return cache.require(DnsLabel.require("app", name));
    }

    private static void rejectResourceSubset(SyncOptions options) {
        if (!options.resources().isEmpty()) {
            throw new FleetProblem.InvalidInput("resources can only be chosen when syncing one application");
        }
    }

    private SyncPlan plan(List<Application> apps, SyncOptions options) {
        for (Application app : apps) {
            check(app, options);
        }
        Map<Integer, List<String>> byWave = new TreeMap<>();
        for (Application app : apps) {
            byWave.computeIfAbsent(app.syncWave(), wave -> new ArrayList<>()).add(app.getMetadata().getName());
        }
        List<SyncPlan.Wave> waves = new ArrayList<>();
        byWave.forEach((wave, names) -> waves.add(new SyncPlan.Wave(wave, List.copyOf(names))));
        return new SyncPlan(List.copyOf(waves));
    }

    /** Argo CD's own guards, checked up front (argocd-server checks them on its API; fleet-ops writes the resource). */
    private static void check(Application app, SyncOptions options) {
        String name = app.getMetadata().getName();
        if (app.getOperation() != null) {
            throw new FleetProblem.Conflict(name + ": " + ArgoCd.ANOTHER_OPERATION);
        }
        Application.Source source = app.primarySource();
        String target = source == null || source.targetRevision() == null || source.targetRevision().isEmpty()
                ? "HEAD" : source.targetRevision();
        if (options.revision() != null && !options.dryRun() && app.autoSyncEnabled()
                && !Objects.equals(options.revision(), target)) {
            throw new FleetProblem.Conflict(name + ": Cannot sync to " + options.revision()
                    + ": auto-sync currently set to " + target);
        }
    }
}
