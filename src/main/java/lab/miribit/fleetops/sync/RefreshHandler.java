package lab.miribit.fleetops.sync;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.problem.DnsLabel;

/** A (hard) refresh: set Argo CD's refresh annotation, then wait for the controller to consume it. */
@ApplicationScoped
class RefreshHandler implements CommandHandler<Command.Refresh> {

    private final ApplicationCache cache;
    private final RefreshTracker refresher;

    RefreshHandler(ApplicationCache cache, RefreshTracker refresher) {
        this.cache = cache;
        this.refresher = refresher;
    }

    @Override
    public Set<Class<? extends Command.Refresh>> handles() {
        return Set.of(Command.Refresh.class);
    }

    @Override
    public Accepted accept(Command.Refresh command, Caller caller) {
        String app = cache.require(DnsLabel.require("app", command.app())).getMetadata().getName();
        Note request = command.hard() ? Note.of("request-hard-refresh") : Note.of("request-refresh");
        Note done = command.hard() ? Note.of("hard-refresh-done", app) : Note.of("refresh-done", app);
        return new Accepted(Set.of("refresh/" + app), List.of(request, Note.of("argocd-compares")), progress -> {
            progress.started(0, null);
            java.time.Instant requestedAt = refresher.request(List.of(app), command.hard(), caller, progress.operationId());
            progress.succeeded(0, null);
            progress.started(1, null);
            refresher.await(List.of(app), requestedAt);
            progress.succeeded(1, null);
            return done;
        });
    }
}
