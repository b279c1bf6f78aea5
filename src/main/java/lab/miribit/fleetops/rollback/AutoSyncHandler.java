package lab.miribit.fleetops.rollback;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.argocd.AutomatedSync;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.problem.DnsLabel;

/** Switches automated sync off, or on again once a rollback is settled; recorded as an Argo CD Event. */
@ApplicationScoped
class AutoSyncHandler implements CommandHandler<Command.AutoSync> {

    private final ApplicationCache cache;
    private final ArgoCd argoCd;
    private final AutomatedSync automatedSync;

    AutoSyncHandler(ApplicationCache cache, ArgoCd argoCd, AutomatedSync automatedSync) {
        this.cache = cache;
        this.argoCd = argoCd;
        this.automatedSync = automatedSync;
    }

    @Override
    public Set<Class<? extends Command.AutoSync>> handles() {
        return Set.of(Command.AutoSync.class);
    }

    @Override
    public Accepted accept(Command.AutoSync command, Caller caller) {
        String app = cache.require(DnsLabel.require("app", command.app())).getMetadata().getName();
        String what = "switch automated sync " + (command.enabled() ? "on" : "off");
        return new Accepted(Set.of("app/" + app), List.of(Note.of(command.enabled() ? "switch-autosync.on" : "switch-autosync.off")),
                progress -> {
            progress.started(0, null);
            AutomatedSync.Change change = command.enabled() ? automatedSync.switchOn(app) : automatedSync.switchOff(app);
            String done = change.describe(command.enabled());
            argoCd.recordEvent(app, command.enabled() ? "AutoSyncEnabled" : "AutoSyncDisabled", caller.initiatedBy() + " asked to "
                    + what + " (operation " + progress.operationId() + "): " + done);
            Note said = AutoSyncWording.of(change, command.enabled());
            progress.succeeded(0, said);
            return Note.of("remark-of", app, said);
        });
    }
}
