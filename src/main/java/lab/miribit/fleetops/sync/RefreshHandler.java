package lab.miribit.fleetops.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/** A (hard) refresh: set Argo CD's refresh annotation, then wait for the controller to consume it. */
@ApplicationScoped
class RefreshHandler implements CommandHandler<Command.Refresh> {

    private final ApplicationCache cache;
    private final ArgoCd argoCd;
    private final SyncConfig config;

    RefreshHandler(ApplicationCache cache, ArgoCd argoCd, SyncConfig config) {
        this.cache = cache;
        this.argoCd = argoCd;
        this.config = config;
    }

    @Override
    public Set<Class<? extends Command.Refresh>> handles() {
        return Set.of(Command.Refresh.class);
    }

    @Override
    public Accepted accept(Command.Refresh command, Caller caller) {
        String app = cache.require(DnsLabel.require("app", command.app())).getMetadata().getName();
        String kind = command.hard() ? "hard refresh" : "refresh";
        return new Accepted(Set.of("refresh/" + app), List.of("request " + kind, "Argo CD compares with Git"), progress -> {
            progress.started(0, null);
            Instant requestedAt = Instant.now();
            argoCd.requestRefresh(app, command.hard());
            argoCd.recordEvent(app, "RefreshRequested", caller.initiatedBy() + " requested a " + kind
                    + " as operation " + progress.operationId());
            progress.succeeded(0, null);
            progress.started(1, null);
            awaitConsumed(app, requestedAt);
            progress.succeeded(1, null);
            return kind + " of " + app + " done";
        });
    }

    private void awaitConsumed(String app, Instant requestedAt) throws InterruptedException {
        // The informer may not have seen our own patch yet; the refresh is done once the annotation has been
        // seen and is gone again, or the controller reports a reconciliation after the request.
        boolean[] seen = { false };
        boolean done = cache.awaitUntil(config.refreshTimeout(), () -> {
            Optional<Application> current = cache.find(app);
            boolean pending = current.map(RefreshHandler::refreshRequested).orElse(false);
            seen[0] |= pending;
            return !pending && (seen[0] || current.map(a -> reconciledSince(a, requestedAt)).orElse(false));
        });
        if (!done) {
            throw new FleetProblem.Unavailable("Argo CD did not pick up the refresh of " + app + " within "
                    + config.refreshTimeout().toSeconds() + " s; is the application controller running?", 30);
        }
    }

    private static boolean reconciledSince(Application app, Instant requestedAt) {
        String reconciledAt = app.getStatus() == null ? null : app.getStatus().reconciledAt();
        try {
            return reconciledAt != null && !Instant.parse(reconciledAt).isBefore(requestedAt.minusSeconds(1));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean refreshRequested(Application app) {
        Map<String, String> annotations = app.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations).map(a -> a.containsKey(Application.REFRESH_ANNOTATION)).orElse(false);
    }
}
