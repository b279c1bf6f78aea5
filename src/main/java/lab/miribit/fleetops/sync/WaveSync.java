package lab.miribit.fleetops.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.operations.Progress;
import lab.miribit.fleetops.operations.ResourceRef;
import lab.miribit.fleetops.operations.SyncOptions;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Runs a {@link SyncPlan}: starts Argo CD's sync on every application of a wave, then waits until each has
 * finished that sync and is Synced and Healthy before the next wave starts. A failed sync or a wave that
 * does not settle within the wave timeout fails the operation, naming the applications that held it.
 */
@ApplicationScoped
class WaveSync {

    private final ArgoCd argoCd;
    private final ApplicationCache cache;
    private final SyncConfig config;

    WaveSync(ArgoCd argoCd, ApplicationCache cache, SyncConfig config) {
        this.argoCd = argoCd;
        this.cache = cache;
        this.config = config;
    }

    CommandHandler.Accepted accept(SyncPlan plan, SyncOptions options, Caller caller, Set<String> extraLocks) {
        Set<String> locks = new LinkedHashSet<>(extraLocks);
        plan.apps().forEach(app -> locks.add("app/" + app));
        List<String> steps = plan.waves().stream().map(SyncPlan.Wave::describe).toList();
        return new CommandHandler.Accepted(locks, steps, progress -> run(plan, options, caller, progress));
    }

    private String run(SyncPlan plan, SyncOptions options, Caller caller, Progress progress) throws InterruptedException {
        List<SyncPlan.Wave> waves = plan.waves();
        for (int i = 0; i < waves.size(); i++) {
            SyncPlan.Wave wave = waves.get(i);
            progress.started(i, "syncing " + wave.apps().size() + " application(s)");
            for (String app : wave.apps()) {
                try {
                    argoCd.startOperation(app, operation(options, caller, progress.operationId()));
                } catch (FleetProblem refused) {
                    progress.failed(i, app + ": " + refused.getMessage());
                    throw refused instanceof FleetProblem.Conflict
                            ? new FleetProblem.Conflict(app + ": " + refused.getMessage()) : refused;
                }
                argoCd.recordEvent(app, "SyncRequested", caller.initiatedBy() + " initiated sync to "
                        + (options.revision() == null ? "target revision" : options.revision())
                        + (options.dryRun() ? " (dry run)" : "") + " as operation " + progress.operationId());
            }
            awaitWave(wave, options, progress, i);
        }
        int apps = plan.apps().size();
        if (apps == 0) {
            return "no application's source covers the changed paths; nothing to sync";
        }
        return (options.dryRun() ? "dry run of " : "synced ") + apps + " application" + (apps == 1 ? "" : "s")
                + (waves.size() > 1 ? " in " + waves.size() + " waves" : "");
    }

    private void awaitWave(SyncPlan.Wave wave, SyncOptions options, Progress progress, int step) throws InterruptedException {
        List<String> pending = new ArrayList<>(wave.apps());
        boolean settled = cache.awaitUntil(config.waveTimeout(), () -> {
            for (String app : List.copyOf(pending)) {
                Optional<String> failure = failureOf(app, progress.operationId());
                if (failure.isPresent()) {
                    progress.failed(step, failure.get());
                    throw new FleetProblem.Conflict(failure.get());
                }
                if (settled(app, options, progress.operationId())) {
                    pending.remove(app);
                }
            }
            return pending.isEmpty();
        });
        if (!settled) {
            String held = "wave " + wave.number() + " did not become Synced and Healthy within "
                    + config.waveTimeout().toSeconds() + " s; held by " + describe(pending);
            progress.failed(step, held);
            throw new FleetProblem.Conflict(held);
        }
        progress.succeeded(step, options.dryRun() ? "dry run succeeded" : "Synced and Healthy");
    }

    /** The reason Argo CD gave when our operation on {@code app} ended in Failed or Error. */
    private Optional<String> failureOf(String app, String operationId) {
        Optional<Application> current = cache.find(app);
        if (current.isEmpty()) {
            return Optional.of(app + ": the application was deleted during the sync");
        }
        Application.OperationState state = cache.operationState(app, operationId);
        if (state != null && state.completed() && !"Succeeded".equals(state.phase())) {
            return Optional.of(app + ": sync " + state.phase().toLowerCase() + ": "
                    + (state.message() == null ? "no message from Argo CD" : state.message()));
        }
        return Optional.empty();
    }

    private boolean settled(String app, SyncOptions options, String operationId) {
        Application current = cache.find(app).orElseThrow();
        Application.OperationState state = cache.operationState(app, operationId);
        if (state == null || !"Succeeded".equals(state.phase()) || current.getOperation() != null) {
            return false;
        }
        if (options.dryRun()) {
            return true;
        }
        Application.Status status = current.getStatus();
        return status.sync() != null && "Synced".equals(status.sync().status())
                && status.health() != null && "Healthy".equals(status.health().status());
    }

    private String describe(List<String> apps) {
        List<String> parts = new ArrayList<>();
        for (String app : apps) {
            Application current = cache.find(app).orElse(null);
            Application.Status status = current == null ? null : current.getStatus();
            String sync = status == null || status.sync() == null ? "Unknown" : status.sync().status();
            String health = status == null || status.health() == null ? "Unknown" : status.health().status();
            parts.add(app + " (" + sync + ", " + health + ")");
        }
        return String.join(", ", parts);
    }

    private static Application.Operation operation(SyncOptions options, Caller caller, String operationId) {
        List<Application.SyncResource> resources = options.resources().stream()
                .map(WaveSync::toSyncResource).toList();
        return new Application.Operation(
                new Application.SyncOperation(options.revision(), options.prune(), options.dryRun(), null,
                        resources.isEmpty() ? null : resources, null, null),
                new Application.Initiator(caller.initiatedBy(), false),
                List.of(new Application.Info(ApplicationCache.OPERATION_INFO, operationId)));
    }

    private static Application.SyncResource toSyncResource(ResourceRef ref) {
        return new Application.SyncResource(ref.group(), ref.kind(), ref.namespace().isEmpty() ? null : ref.namespace(),
                ref.name());
    }
}
