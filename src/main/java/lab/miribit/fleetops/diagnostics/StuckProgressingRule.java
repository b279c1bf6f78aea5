package lab.miribit.fleetops.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.Placement;
import lab.miribit.fleetops.fleet.Cluster;

/**
 * Runbook: "Stuck Progressing" (and Degraded) — the unhealthy resources Argo CD reports, and on the
 * destination cluster the pods and claims behind them.
 */
@ApplicationScoped
class StuckProgressingRule implements DiagnosticRule {

    private final Placement placement;
    private final WorkloadEvidence workloads;
    private final DiagnosticsConfig config;

    StuckProgressingRule(Placement placement, WorkloadEvidence workloads, DiagnosticsConfig config) {
        this.placement = placement;
        this.workloads = workloads;
        this.config = config;
    }

    @Override
    public String name() {
        return "application-unhealthy";
    }

    @Override
    public List<Finding> check(DiagnosticScope scope) {
        // An app-of-apps parent takes its health from its child applications (controller/health.go with the
        // Application health check): the trouble is reported on the children, where it is.
        List<Application> unhealthy = scope.apps().stream().filter(app -> !app.parentOfApplications())
                .filter(this::stuckOrDegraded).toList();
        Map<String, WorkloadEvidence.Workload> places = new LinkedHashMap<>();
        for (Application app : unhealthy) {
            Optional<Cluster> cluster = placement.clusterOf(app);
            String namespace = app.getSpec() == null || app.getSpec().destination() == null ? null
                    : app.getSpec().destination().namespace();
            if (cluster.isPresent() && namespace != null) {
                places.put(app.getMetadata().getName(), new WorkloadEvidence.Workload(cluster.get(), namespace));
            }
        }
        Map<WorkloadEvidence.Workload, WorkloadEvidence.Evidence> pods = workloads.of(places.values(), scope.gaps());
        List<Finding> findings = new ArrayList<>();
        for (Application app : unhealthy) {
            WorkloadEvidence.Workload place = places.get(app.getMetadata().getName());
            findings.add(finding(app, place, place == null ? null : pods.get(place)));
        }
        return findings;
    }

    private boolean stuckOrDegraded(Application app) {
        Application.Status status = app.getStatus();
        String health = health(app);
        boolean stuck = "Progressing".equals(health) && progressingSince(status)
                .map(since -> Duration.between(since, Instant.now()).compareTo(config.progressingThreshold()) > 0).orElse(true);
        return stuck || "Degraded".equals(health);
    }

    private static String health(Application app) {
        Application.Status status = app.getStatus();
        return status == null || status.health() == null ? null : status.health().status();
    }

    private Finding finding(Application app, WorkloadEvidence.Workload place, WorkloadEvidence.Evidence pods) {
        String health = health(app);
        String name = app.getMetadata().getName();
        Application.Status status = app.getStatus();
        List<String> evidence = new ArrayList<>();
        if (status.health().message() != null) {
            evidence.add("health " + health + ": " + status.health().message());
        }
        if (status.resources() != null) {
            status.resources().stream().filter(r -> r.health() != null && r.health().status() != null
                    && !"Healthy".equals(r.health().status()))
                    .forEach(r -> evidence.add(r.kind() + " " + r.namespace() + "/" + r.name() + " is " + r.health().status()
                            + (r.health().message() == null ? "" : " — " + r.health().message())));
        }
        List<WorkloadEvidence.Trouble> troubles = List.of();
        if (pods != null) {
            evidence.addAll(pods.lines());
            troubles = pods.troubles();
        }
        String namespace = place == null ? null : place.namespace();
        Note remedy;
        if (troubles.isEmpty()) {
            remedy = Note.of("diag.describe-then-sync", namespace, place == null ? Note.of("diag.its-cluster") : place.cluster().name(),
                    name);
        } else {
            Note advice = troubles.get(0).remedy();
            for (int i = 1; i < troubles.size(); i++) {
                advice = Note.of("then", advice, troubles.get(i).remedy());
            }
            remedy = Note.of("diag.then-sync", advice, name);
        }
        boolean critical = "Degraded".equals(health) || troubles.contains(WorkloadEvidence.Trouble.CRASH_LOOP);
        Note summary = "Degraded".equals(health) ? Note.of("diag.degraded", name)
                : Note.of("diag.progressing", name, config.progressingThreshold().toMinutes());
        return new Finding(name(), critical ? Finding.Severity.CRITICAL : Finding.Severity.WARNING,
                DiagnosticScope.appTarget(app), summary, evidence, remedy);
    }

    /** When the application last got going: its last operation's end, else its last reconciliation. */
    private static Optional<Instant> progressingSince(Application.Status status) {
        String at = status.operationState() != null && status.operationState().finishedAt() != null
                ? status.operationState().finishedAt() : status.reconciledAt();
        try {
            return Optional.ofNullable(at).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
