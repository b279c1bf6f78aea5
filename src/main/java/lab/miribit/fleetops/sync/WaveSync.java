package lab.miribit.fleetops.sync;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.argocd.SyncWindows;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Progress;
import lab.miribit.fleetops.operations.ResourceRef;
import lab.miribit.fleetops.operations.SyncOptions;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Runs a {@link SyncPlan} wave by wave, judging each application's sync as Argo CD reports it:
 * <ol>
 * <li>the operation fleet-ops wrote (found by its {@code info} entry) ends Succeeded, and Argo CD has cleared it;</li>
 * <li>the status is fresh: the controller writes the operation's end first and compares sync and health after it
 * (controller/appcontroller.go), so only a status with {@code reconciledAt ≥ finishedAt} tells the outcome;</li>
 * <li>Synced is expected only where a full sync to the target makes it the outcome (controller/state.go compares
 * with {@code targetRevision} always): after another revision, a subset of resources, or no prune while resources
 * need pruning, the application stays OutOfSync and that is reported, not waited for;</li>
 * <li>Healthy, except for an app-of-apps parent, whose health is its children's (reported on the children).</li>
 * </ol>
 * A wave that does not finish within the wave timeout fails the operation, naming what held it, and the operations
 * fleet-ops wrote and Argo CD has not taken up are withdrawn, so they do not deploy later.
 */
@ApplicationScoped
class WaveSync {

    private static final int WRITERS = 8;

    private final ArgoCd argoCd;
    private final ApplicationCache cache;
    private final SyncConfig config;
    private final SyncGate gate;
    private final RefreshTracker refresher;
    /** fleet-ops' own part of the pause between waves; the rest is Argo CD's writes and their watch events reaching it. */
    private final Timer handover;
    /**
     * Writes a wave's operations side by side, and records their events off the wave's path: a wave then costs one
     * write's round trip to the API server, not one per application. Its threads end when idle.
     */
    private final ThreadPoolExecutor writers = new ThreadPoolExecutor(WRITERS, WRITERS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "wave-sync-writer");
                thread.setDaemon(true);
                return thread;
            });

    WaveSync(ArgoCd argoCd, ApplicationCache cache, SyncConfig config, SyncGate gate, RefreshTracker refresher, MeterRegistry metrics) {
        this.argoCd = argoCd;
        this.cache = cache;
        this.config = config;
        this.gate = gate;
        this.refresher = refresher;
        this.handover = Timer.builder("fleet.sync.wave.handover")
                .description("From seeing a wave done to the next wave's syncs written (those asked for outright)").register(metrics);
        writers.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        writers.shutdown();
    }

    CommandHandler.Accepted accept(SyncPlan plan, SyncOptions options, Caller caller, Set<String> extraLocks) {
        Set<String> locks = new LinkedHashSet<>(extraLocks);
        plan.apps().forEach(app -> locks.add("app/" + app));
        List<Note> steps = plan.waves().stream().map(SyncPlan.Wave::describe).toList();
        return new CommandHandler.Accepted(locks, steps, progress -> run(plan, options, caller, progress));
    }

    /** How one application of a wave is being brought to its target, and what came of it. */
    private static final class Tracked {
        final String app;
        /** The operation to follow: fleet-ops' own ({@code ours}), or Argo CD's automated one. */
        boolean ours;
        /** For Argo CD's own operation: its startedAt once seen; the state's startedAt before, to tell a new one. */
        String followedStart;
        String startBefore;
        boolean done;
        /**
         * fleet-ops' sync was sent and the API server did not answer: it may still arrive, so it is watched for as if
         * confirmed, and if the wave times out it is withdrawn or, where even that finds no answer, reported as possibly
         * still running.
         */
        boolean unanswered;
        /** What the reader should know about how this application got there, beyond Synced and Healthy. */
        final List<Note> remarks = new ArrayList<>();

        Tracked(String app) {
            this.app = app;
        }
    }

    private Note run(SyncPlan plan, SyncOptions options, Caller caller, Progress progress) throws InterruptedException {
        List<SyncPlan.Wave> waves = plan.waves();
        List<Note> remarks = new ArrayList<>();
        int synced = 0;
        long previousSeenDone = 0;
        for (int i = 0; i < waves.size(); i++) {
            SyncPlan.Wave wave = waves.get(i);
            progress.started(i, Note.of("wave-syncing", wave.targets().size()));
            Map<String, Tracked> tracked = begin(wave, options, caller, progress, i, previousSeenDone);
            previousSeenDone = awaitWave(wave, tracked, options, progress, i);
            for (Tracked t : tracked.values()) {
                if (!t.remarks.isEmpty()) {
                    remarks.add(Note.of("remark-of", t.app, joined(t.remarks, "then")));
                }
                synced += t.ours || t.followedStart != null ? 1 : 0;
            }
        }
        int apps = plan.apps().size();
        if (apps == 0) {
            return Note.of("sync-nothing");
        }
        String what = (options.dryRun() ? "dry-run-of" : "synced") + (waves.size() > 1 ? ".waves" : apps == 1 ? ".one" : ".other");
        Note summary = Note.of(what, apps, waves.size());
        if (synced < apps && !options.dryRun()) {
            summary = Note.of("with-in-sync", summary, apps - synced);
        }
        return remarks.isEmpty() ? summary : Note.of("then", summary, joined(remarks, "then"));
    }

    /** The notes one after the other, joined by the two-place note {@code joiner} ("{0}; {1}", "{0}, {1}"). */
    private static Note joined(List<Note> notes, String joiner) {
        Note all = notes.get(0);
        for (int i = 1; i < notes.size(); i++) {
            all = Note.of(joiner, all, notes.get(i));
        }
        return all;
    }

    /**
     * Starts bringing a wave's applications to their target: writes the syncs asked for outright; for the others
     * asks Argo CD to compare with Git first (a normal refresh, as its own webhook does: util/webhook/webhook.go),
     * all at once, then follows the automated sync Argo CD started, syncs what is OutOfSync, or leaves what is Synced.
     */
    private Map<String, Tracked> begin(SyncPlan.Wave wave, SyncOptions options, Caller caller, Progress progress, int step,
            long previousSeenDone) throws InterruptedException {
        Map<String, Tracked> tracked = new LinkedHashMap<>();
        List<SyncPlan.Target> toRefresh = new ArrayList<>();
        List<Application> toStart = new ArrayList<>();
        for (SyncPlan.Target target : wave.targets()) {
            Tracked t = new Tracked(target.app());
            tracked.put(target.app(), t);
            Application app = current(target.app(), progress, step);
            if (target.mode() == SyncPlan.Mode.SYNC) {
                toStart.add(app);
                t.ours = true;
            } else if (target.mode() == SyncPlan.Mode.FOLLOW_AUTOMATED && app.getOperation() != null
                    && app.getOperation().automated()) {
                t.startBefore = previousStart(app);
                t.followedStart = "";
            } else {
                t.startBefore = previousStart(app);
                toRefresh.add(target);
            }
        }
        startAll(toStart, tracked, options, caller, progress, step);
        if (previousSeenDone != 0 && !toStart.isEmpty()) {
            handover.record(System.nanoTime() - previousSeenDone, TimeUnit.NANOSECONDS);
        }
        if (toRefresh.isEmpty()) {
            return tracked;
        }
        List<String> names = toRefresh.stream().map(SyncPlan.Target::app).toList();
        Instant requestedAt = refresher.request(names, false, caller, progress.operationId());
        refresher.await(names, requestedAt);
        List<Application> outOfSync = new ArrayList<>();
        for (SyncPlan.Target target : toRefresh) {
            Tracked t = tracked.get(target.app());
            Application refreshed = current(target.app(), progress, step);
            if (target.mode() == SyncPlan.Mode.FOLLOW_AUTOMATED && automatedStartedSince(refreshed, t.startBefore)) {
                t.followedStart = "";
                continue;
            }
            String sync = refreshed.getStatus() == null || refreshed.getStatus().sync() == null ? null
                    : refreshed.getStatus().sync().status();
            if ("Synced".equals(sync)) {
                t.done = true;
                continue;
            }
            // OutOfSync, and Argo CD did not start a sync of its own (or the application is not under automated sync).
            try {
                gate.check(refreshed, options, SyncPlan.Mode.SYNC);
            } catch (FleetProblem refused) {
                throw fail(progress, step, refused);
            }
            outOfSync.add(refreshed);
            t.ours = true;
            if (target.mode() == SyncPlan.Mode.FOLLOW_AUTOMATED) {
                t.remarks.add(Note.of("automated-not-started", sync));
            }
        }
        startAll(outOfSync, tracked, options, caller, progress, step);
        return tracked;
    }

    /**
     * Starts the applications' syncs side by side and waits for every write; the first refusal, in the wave's order, fails
     * the wave (the others' syncs stand, as they would had they been written one by one before it).
     */
    private void startAll(List<Application> apps, Map<String, Tracked> tracked, SyncOptions options, Caller caller,
            Progress progress, int step) throws InterruptedException {
        if (apps.size() == 1) {
            start(apps.get(0), tracked, options, caller, progress, step);
            return;
        }
        List<Future<?>> writes = new ArrayList<>();
        for (Application app : apps) {
            writes.add(writers.submit(() -> start(app, tracked, options, caller, progress, step)));
        }
        RuntimeException first = null;
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (ExecutionException failed) {
                if (first == null) {
                    first = failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private Application current(String app, Progress progress, int step) {
        return cache.find(app).orElseThrow(() -> fail(progress, step,
                deletedDuringTheSync(app)));
    }

    /** Each call marks only its own application's entry; the wave reads them after every write has returned. */
    private void start(Application app, Map<String, Tracked> tracked, SyncOptions options, Caller caller, Progress progress,
            int step) {
        String name = app.getMetadata().getName();
        try {
            Optional<String> windows = gate.refusal(app);
            if (windows.isPresent()) {
                throw new FleetProblem.Conflict(windows.get());
            }
            ArgoCd.Written written = argoCd.startOperation(name, app, operation(app, options, caller, progress.operationId()));
            tracked.get(name).unanswered = written == ArgoCd.Written.UNANSWERED;
        } catch (FleetProblem refused) {
            progress.failed(step, Note.of("remark-of", name, Note.verbatim(refused.getMessage())));
            throw refused instanceof FleetProblem.Conflict ? new FleetProblem.Conflict(name + ": " + refused.getMessage(),
                    FleetProblem.Reason.of("app-refused", name, refused.getMessage())) : refused;
        }
        String event = caller.initiatedBy() + " initiated sync to " + (options.revision() == null ? "target revision" : options.revision())
                + (options.dryRun() ? " (dry run)" : "") + " as operation " + progress.operationId();
        // Argo CD's own API records this event after the sync is set; here it is a record for people, not something the
        // wave waits for (a failure to write it is logged by the gateway).
        writers.execute(() -> argoCd.recordEvent(name, "SyncRequested", event));
    }

    /** Waits for the wave's applications to be done; returns when (System.nanoTime) it saw them done. */
    private long awaitWave(SyncPlan.Wave wave, Map<String, Tracked> tracked, SyncOptions options, Progress progress, int step)
            throws InterruptedException {
        boolean finished = cache.awaitUntil(config.waveTimeout(), () -> {
            for (Tracked t : tracked.values()) {
                if (!t.done) {
                    t.done = t.ours ? ourSyncDone(t, options, progress) : automatedSyncDone(t, progress);
                }
            }
            return tracked.values().stream().allMatch(t -> t.done);
        });
        long seenDone = System.nanoTime();
        if (!finished) {
            List<String> held = tracked.values().stream().filter(t -> !t.done).map(t -> t.app).toList();
            List<String> withdrawn = new ArrayList<>();
            List<String> mayStillRun = new ArrayList<>();
            boolean answering = true;
            for (Tracked t : tracked.values()) {
                if (t.done || !t.ours) {
                    continue;
                }
                // Once the API server has not answered one withdrawal the others are not asked: each would cost a timeout.
                ArgoCd.Withdrawal withdrawal = answering ? argoCd.withdrawOperation(t.app, progress.operationId())
                        : ArgoCd.Withdrawal.UNKNOWN;
                answering = withdrawal != ArgoCd.Withdrawal.UNKNOWN;
                switch (withdrawal) {
                    case WITHDRAWN -> withdrawn.add(t.app);
                    // Not there yet is not never: a write the API server did not answer may still be on its way.
                    case ABSENT -> {
                        if (t.unanswered) {
                            mayStillRun.add(t.app);
                        }
                    }
                    case UNKNOWN -> mayStillRun.add(t.app);
                }
            }
            String seconds = String.valueOf(config.waveTimeout().toSeconds());
            String heldBy = describe(held);
            String number = String.valueOf(wave.number());
            String withdrawnFrom = String.join(", ", withdrawn);
            String stillRunning = String.join(", ", mayStillRun);
            Note said;
            FleetProblem.Reason reason;
            if (!mayStillRun.isEmpty() && !withdrawn.isEmpty()) {
                said = Note.of("wave-timeout-withdrawn-unanswered", wave.number(), seconds, heldBy, withdrawnFrom, stillRunning);
                reason = FleetProblem.Reason.of("wave-timeout-withdrawn-unanswered", number, seconds, heldBy, withdrawnFrom, stillRunning);
            } else if (!mayStillRun.isEmpty()) {
                said = Note.of("wave-timeout-unanswered", wave.number(), seconds, heldBy, stillRunning);
                reason = FleetProblem.Reason.of("wave-timeout-unanswered", number, seconds, heldBy, stillRunning);
            } else if (!withdrawn.isEmpty()) {
                said = Note.of("wave-timeout-withdrawn", wave.number(), seconds, heldBy, withdrawnFrom);
                reason = FleetProblem.Reason.of("wave-timeout-withdrawn", number, seconds, heldBy, withdrawnFrom);
            } else {
                said = Note.of("wave-timeout", wave.number(), seconds, heldBy);
                reason = FleetProblem.Reason.of("wave-timeout", number, seconds, heldBy);
            }
            progress.failed(step, said);
            throw new FleetProblem.Conflict(said.english(), reason);
        }
        tracked.values().stream().filter(t -> t.unanswered).forEach(t -> t.remarks.add(Note.of("sync-arrived-unanswered")));
        progress.succeeded(step, options.dryRun() ? Note.of("wave-dry-run-succeeded") : waveSummary(tracked));
        return seenDone;
    }

    private static Note waveSummary(Map<String, Tracked> tracked) {
        long remarked = tracked.values().stream().filter(t -> !t.remarks.isEmpty()).count();
        return remarked == 0 ? Note.of("wave-healthy") : Note.of("wave-remarked", remarked);
    }

    private static FleetProblem deletedDuringTheSync(String app) {
        return new FleetProblem.Conflict(app + ": the application was deleted during the sync",
                FleetProblem.Reason.of("app-deleted-during-sync", app));
    }

    /** Whether fleet-ops' own sync of {@code t.app} is over and its outcome known; throws when Argo CD failed it. */
    private boolean ourSyncDone(Tracked t, SyncOptions options, Progress progress) {
        Application current = cache.find(t.app).orElseThrow(() -> deletedDuringTheSync(t.app));
        Application.OperationState state = cache.operationState(t.app, progress.operationId());
        if (state == null || !state.completed() || current.getOperation() != null) {
            return false;
        }
        if (!"Succeeded".equals(state.phase())) {
            String said = state.message() == null ? "no message from Argo CD" : state.message();
            throw new FleetProblem.Conflict(t.app + ": sync " + state.phase().toLowerCase() + ": " + said,
                    FleetProblem.Reason.of("app-sync-ended", t.app, state.phase(), said));
        }
        if (options.dryRun()) {
            return true;
        }
        return outcomeKnown(t, current, state, options);
    }

    /** Whether Argo CD's own (automated) sync of {@code t.app} is over; throws when it failed. */
    private boolean automatedSyncDone(Tracked t, Progress progress) {
        Application current = cache.find(t.app).orElseThrow(() -> deletedDuringTheSync(t.app));
        Application.OperationState state = current.getStatus() == null ? null : current.getStatus().operationState();
        if (state == null || state.operation() == null || !state.operation().automated()
                || Objects.equals(state.startedAt(), t.startBefore)) {
            return false;
        }
        if (t.followedStart == null || t.followedStart.isEmpty()) {
            t.followedStart = state.startedAt();
        }
        if (!state.completed() || current.getOperation() != null) {
            return false;
        }
        if (!"Succeeded".equals(state.phase())) {
            String said = state.message() == null ? "no message from Argo CD" : state.message();
            throw new FleetProblem.Conflict(t.app + ": Argo CD's automated sync " + state.phase().toLowerCase() + ": " + said,
                    FleetProblem.Reason.of("automated-sync-ended", t.app, state.phase(), said));
        }
        boolean known = outcomeKnown(t, current, state, SyncOptions.defaults());
        if (known && t.remarks.isEmpty()) {
            t.remarks.add(Note.of("automated-synced", shortSha(state.syncResult())));
        }
        return known;
    }

    /**
     * After a successful operation: whether Argo CD has compared again since it ended and what it found is the
     * outcome to expect. OutOfSync is expected, and noted, where the sync did not ask for everything; Healthy is
     * required except for a parent of applications.
     */
    private boolean outcomeKnown(Tracked t, Application current, Application.OperationState state, SyncOptions options) {
        Application.Status status = current.getStatus();
        if (status == null || !fresh(status.reconciledAt(), state.finishedAt())) {
            return false;
        }
        String sync = status.sync() == null ? "Unknown" : status.sync().status();
        String health = status.health() == null ? "Unknown" : status.health().status();
        List<Note> remarks = new ArrayList<>();
        if (!"Synced".equals(sync)) {
            Optional<Note> why = outOfSyncExplained(current, state, options);
            if (why.isEmpty()) {
                return false;
            }
            remarks.add(why.get());
        }
        if (current.parentOfApplications()) {
            if (!"Healthy".equals(health)) {
                remarks.add(Note.of("parent-health", health));
            }
        } else if (!"Healthy".equals(health)) {
            return false;
        }
        t.remarks.addAll(remarks);
        return true;
    }

    /** Why an application is still OutOfSync after a successful sync, when the sync accounts for it. */
    private static Optional<Note> outOfSyncExplained(Application app, Application.OperationState state, SyncOptions options) {
        Application.Status status = app.getStatus();
        Application.Source source = app.primarySource();
        String target = source == null || source.targetRevision() == null || source.targetRevision().isEmpty() ? "HEAD"
                : source.targetRevision();
        String current = status.sync() == null ? null : status.sync().revision();
        String deployed = state.syncResult() == null ? null : state.syncResult().revision();
        if (options.revision() != null && !options.revision().equals(target) && !Objects.equals(deployed, current)) {
            return Optional.of(Note.of("synced-to-revision", options.revision(), target,
                    status.sync() == null ? "Unknown" : status.sync().status()));
        }
        List<Application.ResourceStatus> outOfSync = status.resources() == null ? List.of()
                : status.resources().stream().filter(r -> !"Synced".equals(r.status())).toList();
        List<Note> reasons = new ArrayList<>();
        for (Application.ResourceStatus resource : outOfSync) {
            String ref = (resource.group() == null ? "" : resource.group()) + "/" + resource.kind() + "/"
                    + (resource.namespace() == null ? "" : resource.namespace()) + "/" + resource.name();
            if (Boolean.TRUE.equals(resource.requiresPruning()) && !options.prune()) {
                reasons.add(Note.of("needs-pruning", ref));
            } else if (!options.resources().isEmpty() && options.resources().stream().noneMatch(r -> same(r, resource))) {
                reasons.add(Note.of("not-in-this-sync", ref));
            } else {
                reasons.clear();
                break;
            }
        }
        if (!reasons.isEmpty()) {
            return Optional.of(Note.of("out-of-sync", joined(reasons, "and")));
        }
        if (deployed != null && current != null && !deployed.equals(current)) {
            // Git moved on while the sync ran: Argo CD now compares with a newer commit.
            return Optional.of(Note.of("git-moved", shortSha(current), shortSha(deployed)));
        }
        return Optional.empty();
    }

    private static boolean same(ResourceRef ref, Application.ResourceStatus resource) {
        return Objects.equals(ref.group(), resource.group() == null ? "" : resource.group()) && ref.kind().equals(resource.kind())
                && Objects.equals(ref.namespace(), resource.namespace() == null ? "" : resource.namespace())
                && ref.name().equals(resource.name());
    }

    private static boolean fresh(String reconciledAt, String finishedAt) {
        if (reconciledAt == null || finishedAt == null) {
            return false;
        }
        try {
            return !Instant.parse(reconciledAt).isBefore(Instant.parse(finishedAt));
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }

    private static boolean automatedStartedSince(Application app, String startBefore) {
        if (app.getOperation() != null && app.getOperation().automated()) {
            return true;
        }
        Application.OperationState state = app.getStatus() == null ? null : app.getStatus().operationState();
        return state != null && state.operation() != null && state.operation().automated()
                && !Objects.equals(state.startedAt(), startBefore);
    }

    /**
     * When the last operation that has ended started: an operation Argo CD runs later starts at another time. One
     * still running is the one to follow, so it does not count.
     */
    private static String previousStart(Application app) {
        Application.OperationState state = app.getStatus() == null ? null : app.getStatus().operationState();
        return state == null || !state.completed() ? null : state.startedAt();
    }

    private static String shortSha(Application.SyncResult result) {
        return shortSha(result == null ? null : result.revision());
    }

    private static String shortSha(String revision) {
        return revision == null ? "?" : revision.length() > 12 ? revision.substring(0, 12) : revision;
    }

    private String describe(List<String> apps) {
        List<String> parts = new ArrayList<>();
        for (String app : apps) {
            Application current = cache.find(app).orElse(null);
            Application.Status status = current == null ? null : current.getStatus();
            String sync = status == null || status.sync() == null ? "Unknown" : status.sync().status();
            String health = status == null || status.health() == null ? "Unknown" : status.health().status();
            Application.OperationState state = status == null ? null : status.operationState();
            String waiting = state != null && state.message() != null && state.message().startsWith(SyncWindows.OPERATION_BLOCKED)
                    ? ", Argo CD: " + state.message() : "";
            parts.add(app + " (" + sync + ", " + health + waiting + ")");
        }
        return String.join(", ", parts);
    }

    private static FleetProblem fail(Progress progress, int step, FleetProblem problem) {
        progress.failed(step, Note.verbatim(problem.getMessage()));
        return problem;
    }

    /**
     * The operation argocd-server would write (server/application/application.go, Sync): the application's own
     * {@code spec.syncPolicy.syncOptions} and {@code retry} go into it, because the controller reads only the
     * operation's (controller/sync.go).
     */
    private static Application.Operation operation(Application app, SyncOptions options, Caller caller, String operationId) {
        List<Application.SyncResource> resources = options.resources().stream().map(WaveSync::toSyncResource).toList();
        List<String> syncOptions = app.syncOptions();
        return new Application.Operation(
                new Application.SyncOperation(options.revision(), null, options.prune(), options.dryRun(), null,
                        resources.isEmpty() ? null : resources, syncOptions.isEmpty() ? null : syncOptions, null, null),
                new Application.Initiator(caller.initiatedBy(), false),
                List.of(new Application.Info(ApplicationCache.OPERATION_INFO, operationId)), app.retry());
    }

    private static Application.SyncResource toSyncResource(ResourceRef ref) {
        return new Application.SyncResource(ref.group(), ref.kind(), ref.namespace().isEmpty() ? null : ref.namespace(),
                ref.name());
    }
}
