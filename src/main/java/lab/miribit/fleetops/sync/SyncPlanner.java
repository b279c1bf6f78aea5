package lab.miribit.fleetops.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
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
    private final SyncGate gate;

    SyncPlanner(ApplicationCache cache, Placement placement, Fleet fleet, SyncGate gate) {
        this.cache = cache;
        this.placement = placement;
        this.fleet = fleet;
        this.gate = gate;
    }

    SyncPlan forApp(String app, SyncOptions options) {
        return plan(List.of(requireApp(app)), options, any -> SyncPlan.Mode.SYNC);
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
        return plan(apps, options, any -> SyncPlan.Mode.SYNC);
    }

    SyncPlan forApps(Collection<String> names, SyncOptions options) {
        return forApps(names, options, any -> SyncPlan.Mode.SYNC);
    }

    /**
     * The applications a Git change concerns: those under automated sync are followed (Argo CD syncs them itself
     * once it sees the change), the others get {@code manual}.
     */
    SyncPlan forChange(Collection<String> names, SyncOptions options, SyncPlan.Mode manual) {
        return forApps(names, options, app -> app.autoSyncEnabled() ? SyncPlan.Mode.FOLLOW_AUTOMATED : manual);
    }

    private SyncPlan forApps(Collection<String> names, SyncOptions options, Function<Application, SyncPlan.Mode> mode) {
        if (names == null || names.isEmpty()) {
            throw new FleetProblem.InvalidInput("apps must name at least one application");
        }
        rejectResourceSubset(options);
        List<Application> apps = names.stream().distinct().map(this::requireApp).toList();
        return plan(apps, options, mode);
    }

    private Application requireApp(String name) {
        return cache.require(DnsLabel.require("app", name));
    }

    private static void rejectResourceSubset(SyncOptions options) {
        if (!options.resources().isEmpty()) {
            throw new FleetProblem.InvalidInput("resources can only be chosen when syncing one application");
        }
    }

    private SyncPlan plan(List<Application> apps, SyncOptions options, Function<Application, SyncPlan.Mode> modeOf) {
        Map<Integer, List<SyncPlan.Target>> byWave = new TreeMap<>();
        for (Application app : apps) {
            SyncPlan.Mode mode = modeOf.apply(app);
            gate.check(app, options, mode);
            byWave.computeIfAbsent(app.syncWave(), wave -> new ArrayList<>())
                    .add(new SyncPlan.Target(app.getMetadata().getName(), mode));
        }
        List<SyncPlan.Wave> waves = new ArrayList<>();
        byWave.forEach((wave, targets) -> waves.add(new SyncPlan.Wave(wave, List.copyOf(targets))));
        return new SyncPlan(List.copyOf(waves));
    }
}
