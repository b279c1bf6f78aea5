package lab.miribit.fleetops.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.problem.FleetProblem;

/** Asks Argo CD to refresh applications and waits until its controller has consumed each request. */
@ApplicationScoped
class RefreshTracker {

    private final ApplicationCache cache;
    private final ArgoCd argoCd;
    private final SyncConfig config;

    RefreshTracker(ApplicationCache cache, ArgoCd argoCd, SyncConfig config) {
        this.cache = cache;
        this.argoCd = argoCd;
        this.config = config;
    }

    /** Requests the refresh of every app; returns when that was asked, for {@link #await}. */
    Instant request(List<String> apps, boolean hard, Caller caller, String operationId) {
        String kind = hard ? "hard refresh" : "refresh";
        Instant requestedAt = Instant.now();
        for (String app : apps) {
            argoCd.requestRefresh(app, hard);
            argoCd.recordEvent(app, "RefreshRequested", caller.initiatedBy() + " requested a " + kind
                    + " as operation " + operationId);
        }
        return requestedAt;
    }

    /** Waits until Argo CD has consumed the refresh requested at {@code requestedAt} of every app. */
    void await(List<String> apps, Instant requestedAt) throws InterruptedException {
        for (String app : apps) {
            awaitConsumed(app, requestedAt);
        }
    }

    private void awaitConsumed(String app, Instant requestedAt) throws InterruptedException {
        // The informer may not have seen our own patch yet; the refresh is done once the annotation has been
        // seen and is gone again, or the controller reports a reconciliation after the request.
        boolean[] seen = { false };
        boolean done = cache.awaitUntil(config.refreshTimeout(), () -> {
            Optional<Application> current = cache.find(app);
            boolean pending = current.map(RefreshTracker::refreshRequested).orElse(false);
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
