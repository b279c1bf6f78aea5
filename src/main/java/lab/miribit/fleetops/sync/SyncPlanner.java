package lab.miribit.fleetops.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.Placement;
import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.Fleet;
import lab.miribit.fleetops.operations.Command;
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
        List<Application> apps = applicationsOn(cluster);
        if (apps.isEmpty()) {
            throw new FleetProblem.InvalidInput("cluster '" + cluster.name() + "' has no applications to sync",
                    FleetProblem.Reason.of("cluster-has-no-apps", cluster.name()));
        }
        return plan(apps, options, any -> SyncPlan.Mode.SYNC);
    }

    SyncPlan forApps(Collection<String> names, SyncOptions options) {
        return forApps(names, options, any -> SyncPlan.Mode.SYNC);
    }

    /** Whether {@code name}, as a person typed it, is a cluster: a cluster's name wins over an application's. */
    private boolean isCluster(String name) {
        return fleet.find(name).isPresent();
    }

    /**
     * Names as a person types them, told apart: one cluster is that cluster's sync, one application that application's,
     * several names every application they stand for; a name that is neither is refused before anything is planned.
     */
    Command.Sync precise(Command.SyncTargets named) {
        cache.requireSynced();
        for (String target : named.targets()) {
            DnsLabel.require("target", target);
            if (!isCluster(target) && cache.find(target).isEmpty()) {
                throw new FleetProblem.NotFound("no cluster or application is named '" + target + "'",
                        FleetProblem.Reason.of("target-not-found", target));
            }
        }
        if (named.targets().size() == 1) {
            String only = named.targets().get(0);
            return isCluster(only) ? new Command.SyncCluster(only, named.options()) : new Command.SyncApp(only, named.options());
        }
        Set<String> apps = new LinkedHashSet<>();
        for (String target : named.targets()) {
            if (isCluster(target)) {
                applicationsOn(fleet.require(target)).forEach(app -> apps.add(app.getMetadata().getName()));
            } else {
                apps.add(target);
            }
        }
        return new Command.SyncApps(List.copyOf(apps), named.options());
    }

    private List<Application> applicationsOn(Cluster cluster) {
        return cache.list().stream()
                .filter(app -> placement.clusterOf(app).map(c -> c.name().equals(cluster.name())).orElse(false))
                .toList();
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
            throw new FleetProblem.InvalidInput("resources can only be chosen when syncing one application",
                    FleetProblem.Reason.of("resources-of-one-app"));
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
