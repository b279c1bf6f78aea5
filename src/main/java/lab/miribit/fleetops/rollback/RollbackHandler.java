package lab.miribit.fleetops.rollback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.operations.Progress;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Argo CD's history rollback, with Argo CD's rules: the previous deployment by default, an unknown id is 404,
 * refused while automated sync is on unless the caller asks to switch it off (which is then done first and
 * recorded), and carried out as a sync to the entry's revision and source with the apply strategy.
 */
@ApplicationScoped
class RollbackHandler implements CommandHandler<Command.Rollback> {

    static final String AUTO_SYNC_ON = "rollback cannot be initiated when auto-sync is enabled";

    private final ApplicationCache cache;
    private final ArgoCd argoCd;
    private final RollbackConfig config;

    RollbackHandler(ApplicationCache cache, ArgoCd argoCd, RollbackConfig config) {
        this.cache = cache;
        this.argoCd = argoCd;
        this.config = config;
    }

    @Override
    public Set<Class<? extends Command.Rollback>> handles() {
        return Set.of(Command.Rollback.class);
    }

    @Override
    public Accepted accept(Command.Rollback command, Caller caller) {
        Application app = cache.require(DnsLabel.require("app", command.app()));
        String name = app.getMetadata().getName();
        if (app.getOperation() != null) {
            throw new FleetProblem.Conflict(name + ": " + ArgoCd.ANOTHER_OPERATION);
        }
        Application.HistoryEntry entry = entry(app, command.id());
        boolean switchOff = app.autoSyncEnabled();
        if (switchOff && !command.disableAutoSync()) {
            throw new FleetProblem.Conflict(AUTO_SYNC_ON + "; ask again with disableAutoSync to switch it off first");
        }
        List<String> steps = new ArrayList<>();
        if (switchOff) {
            steps.add("switch automated sync off");
        }
        steps.add("roll back to deployment " + entry.id() + " (" + shortSha(entry.revision()) + ")");
        return new Accepted(Set.of("app/" + name), steps, progress -> run(name, entry, switchOff, caller, progress));
    }

    private String run(String app, Application.HistoryEntry entry, boolean switchOff, Caller caller, Progress progress)
            throws InterruptedException {
        int step = 0;
        if (switchOff) {
            progress.started(step, null);
            argoCd.setAutoSync(app, false);
            argoCd.recordEvent(app, "AutoSyncDisabled", caller.initiatedBy() + " switched automated sync off to roll back"
                    + " (operation " + progress.operationId() + ")");
            progress.succeeded(step++, "automated sync is off; switch it on again once the rollback is settled");
        }
        progress.started(step, "asking Argo CD");
        argoCd.startOperation(app, new Application.Operation(
                new Application.SyncOperation(entry.revision(), false, false, Map.of("apply", Map.of("force", false)), null, null,
                        entry.source()),
                new Application.Initiator(caller.initiatedBy(), false),
                List.of(new Application.Info(ApplicationCache.OPERATION_INFO, progress.operationId()))));
        argoCd.recordEvent(app, "RollbackRequested", caller.initiatedBy() + " rolled back to deployment " + entry.id() + " ("
                + entry.revision() + ") as operation " + progress.operationId());
        Application.OperationState state = await(app, progress.operationId());
        if (!"Succeeded".equals(state.phase())) {
            progress.failed(step, state.message());
            throw new FleetProblem.Conflict(app + ": rollback " + state.phase().toLowerCase() + ": " + state.message());
        }
        progress.succeeded(step, state.message());
        return "rolled " + app + " back to deployment " + entry.id() + " (" + shortSha(entry.revision()) + ")"
                + (switchOff ? "; automated sync is off until switched on again" : "");
    }

    private Application.OperationState await(String app, String operationId) throws InterruptedException {
        boolean done = cache.awaitUntil(config.timeout(), () -> {
            Application.OperationState state = cache.operationState(app, operationId);
            return state != null && state.completed();
        });
        if (!done) {
            throw new FleetProblem.Unavailable("Argo CD did not finish the rollback of " + app + " within "
                    + config.timeout().toMinutes() + " minutes", 60);
        }
        return cache.operationState(app, operationId);
    }

    /** The history entry to go back to: {@code id}, or the one before the current deployment. */
    private static Application.HistoryEntry entry(Application app, Long id) {
        String name = app.getMetadata().getName();
        List<Application.HistoryEntry> history = app.getStatus() == null || app.getStatus().history() == null ? List.of()
                : app.getStatus().history().stream().sorted(Comparator.comparing(h -> h.id() == null ? 0L : h.id())).toList();
        if (id != null) {
            return history.stream().filter(h -> id.equals(h.id())).findFirst().orElseThrow(() -> new FleetProblem.NotFound(
                    "application " + name + " does not have deployment with id " + id));
        }
        if (history.size() < 2) {
            throw new FleetProblem.Conflict("application " + name + " has no previous deployment to roll back to");
        }
        return history.get(history.size() - 2);
    }

    private static String shortSha(String revision) {
        return revision == null ? "?" : revision.substring(0, Math.min(12, revision.length()));
    }
}
