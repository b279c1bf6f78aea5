package lab.miribit.fleetops.checks;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.Placement;

/**
 * The fleet drifting from Git or from health: applications OutOfSync, Degraded, Progressing too long, and
 * automated sync switched off (Argo CD 3's {@code automated.enabled: false}, as left behind after a rollback).
 */
@ApplicationScoped
class DriftCheck implements Check {

    static final String NAME = "drift";

    private final ApplicationCache cache;
    private final Placement placement;
    private final DriftConfig config;

    DriftCheck(ApplicationCache cache, Placement placement, DriftConfig config) {
        this.cache = cache;
        this.placement = placement;
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return config.interval();
    }

    @Override
    public CheckResult run() {
        if (!cache.synced()) {
            return CheckResult.of(NAME, List.of(new CheckResult.Item("fleet", CheckResult.Status.ERROR,
                    Note.of("central-unreachable"), Map.of())));
        }
        List<CheckResult.Item> items = new ArrayList<>();
        for (Application app : cache.list()) {
            String target = "app/" + app.getMetadata().getName();
            Map<String, Object> details = Map.of("cluster", String.valueOf(placement.clusterNameOf(app)));
            Application.Status status = app.getStatus();
            String sync = status == null || status.sync() == null ? null : status.sync().status();
            String health = status == null || status.health() == null ? null : status.health().status();
            if ("Degraded".equals(health)) {
                items.add(new CheckResult.Item(target, CheckResult.Status.CRITICAL, Note.verbatim("Degraded"), details));
            } else if ("Progressing".equals(health) && progressingTooLong(status)) {
                items.add(new CheckResult.Item(target, CheckResult.Status.WARNING,
                        Note.of("progressing-too-long", config.progressingThreshold().toMinutes()), details));
            }
            if ("OutOfSync".equals(sync) && app.getOperation() == null) {
                items.add(new CheckResult.Item(target, CheckResult.Status.WARNING, Note.verbatim("OutOfSync"), details));
            }
            Application.SyncPolicy policy = app.getSpec() == null ? null : app.getSpec().syncPolicy();
            if (policy != null && policy.automated() != null && Boolean.FALSE.equals(policy.automated().enabled())) {
                items.add(new CheckResult.Item(target, CheckResult.Status.WARNING,
                        Note.of("autosync-switched-off"), details));
            }
        }
        return CheckResult.of(NAME, items);
    }

    private boolean progressingTooLong(Application.Status status) {
        String since = status.operationState() != null && status.operationState().finishedAt() != null
                ? status.operationState().finishedAt() : status.reconciledAt();
        try {
            return since == null || Duration.between(Instant.parse(since), Instant.now()).compareTo(config.progressingThreshold()) > 0;
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}
