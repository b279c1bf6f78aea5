package lab.miribit.fleetops.rollback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.argocd.AutomatedSync;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.operations.Progress;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Argo CD's history rollback, with argocd-server's rules in its order (server/application/application.go,
 * Rollback): refused while automated sync is on unless the caller asks to switch it off (done first, read back,
 * recorded); the previous deployment by default, an unknown id is InvalidArgument (400), an entry without a source
 * is refused; carried out as a sync to the entry's revision(s) and source(s) with the apply strategy and the
 * application's sync options.
 */
@ApplicationScoped
class RollbackHandler implements CommandHandler<Command.Rollback> {

    static final String AUTO_SYNC_ON = "rollback cannot be initiated when auto-sync is enabled";

    private final ApplicationCache cache;
    private final ArgoCd argoCd;
    private final RollbackConfig config;
    private final AutomatedSync automatedSync;

    RollbackHandler(ApplicationCache cache, ArgoCd argoCd, RollbackConfig config, AutomatedSync automatedSync) {
        this.cache = cache;
        this.argoCd = argoCd;
        this.config = config;
        this.automatedSync = automatedSync;
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
            throw new FleetProblem.Conflict(name + ": " + ArgoCd.ANOTHER_OPERATION,
                    FleetProblem.Reason.of("app-operation-running", name));
        }
        // server/application/application.go Rollback: auto-sync first, then the history entry.
        boolean switchOff = app.autoSyncEnabled();
        if (switchOff && !command.disableAutoSync()) {
            throw new FleetProblem.Conflict(AUTO_SYNC_ON + "; ask again with disableAutoSync to switch it off first",
                    FleetProblem.Reason.of("rollback-auto-sync-on", name));
        }
        Application.HistoryEntry entry = entry(name, argoCd.history(name), command.id());
        // argocd-server itself does not look at sync windows for a rollback, but its controller then keeps the
        // operation waiting until a window opens; refusing now says so at once and writes nothing.
        argoCd.syncWindowRefusal(app, true).ifPresent(refused -> {
            throw new FleetProblem.Conflict(name + ": " + refused, FleetProblem.Reason.of("app-refused", name, refused));
        });
        List<Note> steps = new ArrayList<>();
        if (switchOff) {
            steps.add(Note.of("switch-autosync.off"));
        }
        steps.add(Note.of("roll-back-to", entry.id(), describe(entry)));
        return new Accepted(Set.of("app/" + name), steps, progress -> run(app, entry, switchOff, caller, progress));
    }

    private Note run(Application app, Application.HistoryEntry entry, boolean switchOff, Caller caller, Progress progress)
            throws InterruptedException {
        String name = app.getMetadata().getName();
        int step = 0;
        if (switchOff) {
            progress.started(step, null);
            AutomatedSync.Change change = automatedSync.switchOff(name);
            argoCd.recordEvent(name, "AutoSyncDisabled", caller.initiatedBy() + " switched automated sync off to roll back"
                    + " (operation " + progress.operationId() + "): " + change.describe(false));
            progress.succeeded(step++, Note.of("then", AutoSyncWording.of(change, false), Note.of("switch-on-when-settled")));
        }
        progress.started(step, Note.of("asking-argocd"));
        // Sent unanswered or confirmed, it is watched for alike: a write a frozen API server holds may still arrive and run.
        ArgoCd.Written written = argoCd.startOperation(name, operation(app, entry, caller, progress.operationId()));
        argoCd.recordEvent(name, "RollbackRequested", caller.initiatedBy() + " rolled back to deployment " + entry.id() + " ("
                + describe(entry) + ") as operation " + progress.operationId());
        Application.OperationState state = await(name, progress.operationId(), written);
        if (!"Succeeded".equals(state.phase())) {
            progress.failed(step, Note.verbatim(state.message()));
            throw new FleetProblem.Conflict(name + ": rollback " + state.phase().toLowerCase() + ": " + state.message(),
                    FleetProblem.Reason.of("rollback-ended", name, state.phase(), String.valueOf(state.message())));
        }
        progress.succeeded(step, state.message() == null ? null : Note.verbatim(state.message()));
        Note done = Note.of("rolled-back", name, entry.id(), describe(entry));
        Note rolledBack = written == ArgoCd.Written.UNANSWERED ? Note.of("then", done, Note.of("sync-arrived-unanswered")) : done;
        return switchOff ? Note.of("then", rolledBack, Note.of("autosync-off-until-on")) : rolledBack;
    }

    /**
     * The operation argocd-server writes for a rollback (server/application/application.go:2186-2199): the entry's
     * revision and source, or revisions and sources for a multi-source deployment; the apply strategy (no hooks);
     * the application's sync options; no retry.
     */
    private static Application.Operation operation(Application app, Application.HistoryEntry entry, Caller caller,
            String operationId) {
        List<String> syncOptions = app.syncOptions().isEmpty() ? null : app.syncOptions();
        Application.SyncOperation sync = entry.multiSource()
                ? new Application.SyncOperation(null, entry.revisions(), false, false, Map.of("apply", Map.of()), null, syncOptions,
                        null, entry.sources())
                : new Application.SyncOperation(entry.revision(), null, false, false, Map.of("apply", Map.of()), null, syncOptions,
                        entry.source(), null);
        return new Application.Operation(sync, new Application.Initiator(caller.initiatedBy(), false),
                List.of(new Application.Info(ApplicationCache.OPERATION_INFO, operationId)), null);
    }

    private Application.OperationState await(String app, String operationId, ArgoCd.Written written) throws InterruptedException {
        boolean done = cache.awaitUntil(config.timeout(), () -> {
            Application.OperationState state = cache.operationState(app, operationId);
            return state != null && state.completed();
        });
        if (!done) {
            ArgoCd.Withdrawal withdrawal = argoCd.withdrawOperation(app, operationId);
            String minutes = String.valueOf(config.timeout().toMinutes());
            String late = "Argo CD did not finish the rollback of " + app + " within " + minutes + " minutes";
            // Not there is not never when the write itself found no answer: it may still be on its way.
            if (withdrawal == ArgoCd.Withdrawal.UNKNOWN || withdrawal == ArgoCd.Withdrawal.ABSENT && written == ArgoCd.Written.UNANSWERED) {
                throw new FleetProblem.Unavailable(late + "; the central cluster's Kubernetes API did not answer in time, so the"
                        + " rollback may still reach Argo CD and run", FleetProblem.Reason.of("rollback-timeout-unanswered", app, minutes), 60);
            }
            boolean withdrawn = withdrawal == ArgoCd.Withdrawal.WITHDRAWN;
            throw new FleetProblem.Unavailable(late + (withdrawn ? "; the rollback was withdrawn so that Argo CD does not run it later" : ""),
                    withdrawn ? FleetProblem.Reason.of("rollback-timeout-withdrawn", app, minutes)
                            : FleetProblem.Reason.of("rollback-timeout", app, minutes), 60);
        }
        return cache.operationState(app, operationId);
    }

    private static String describe(Application.HistoryEntry entry) {
        return entry.multiSource() ? entry.revisions().stream().map(RollbackHandler::shortSha).toList().toString()
                : shortSha(entry.revision());
    }

    /**
     * The history entry to go back to: {@code id}, or the one before the current deployment.
     *
     * @param history oldest first, as {@link ArgoCd#history} gives it
     */
    private static Application.HistoryEntry entry(String name, List<Application.HistoryEntry> history, Long id) {
        Application.HistoryEntry entry;
        if (id != null) {
            // Argo CD answers codes.InvalidArgument here (server/application/application.go:2176-2178).
            entry = history.stream().filter(h -> id.equals(h.id())).findFirst().orElseThrow(() -> new FleetProblem.InvalidInput(
                    "application " + name + " does not have deployment with id " + id,
                    FleetProblem.Reason.of("history-entry-not-found", name, String.valueOf(id))));
        } else if (history.size() < 2) {
            throw new FleetProblem.Conflict("application " + name + " has no previous deployment to roll back to",
                    FleetProblem.Reason.of("no-previous-deployment", name));
        } else {
            entry = history.get(history.size() - 2);
        }
        if (!entry.multiSource() && (entry.source() == null || entry.source().repoURL() == null || entry.source().repoURL().isEmpty())) {
            throw new FleetProblem.Conflict("cannot rollback to revision deployed with Argo CD v0.11 or lower. sync to revision instead.");
        }
        return entry;
    }

    private static String shortSha(String revision) {
        return revision == null ? "?" : revision.substring(0, Math.min(12, revision.length()));
    }
}
