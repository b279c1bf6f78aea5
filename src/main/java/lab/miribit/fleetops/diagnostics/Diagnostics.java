package lab.miribit.fleetops.diagnostics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.argocd.Placement;
import lab.miribit.fleetops.fleet.Cluster;
import lab.miribit.fleetops.fleet.Fleet;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Runs the troubleshooting runbook: every rule side by side, each within its own time, so that one rule
 * that cannot gather its evidence (an edge cluster down, say) reports that and never fails the report.
 */
@ApplicationScoped
public class Diagnostics {

    private static final Logger LOG = Logger.getLogger(Diagnostics.class);

    private final List<DiagnosticRule> rules;
    private final ApplicationCache cache;
    private final Placement placement;
    private final Fleet fleet;
    private final DiagnosticsConfig config;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "diagnostics");
        thread.setDaemon(true);
        return thread;
    });

    Diagnostics(@All List<DiagnosticRule> rules, ApplicationCache cache, Placement placement, Fleet fleet,
            DiagnosticsConfig config) {
        this.rules = List.copyOf(rules);
        this.cache = cache;
        this.placement = placement;
        this.fleet = fleet;
        this.config = config;
    }

    /** Diagnoses the fleet, one cluster ({@code cluster}) or one application ({@code app}); at most one of them. */
    public DiagnosticReport run(String cluster, String app) {
        DiagnosticScope scope = scope(cluster, app);
        List<CompletableFuture<List<Finding>>> running = new ArrayList<>();
        for (DiagnosticRule rule : rules) {
            running.add(CompletableFuture.supplyAsync(() -> checked(rule, scope), workers)
                    .orTimeout(config.ruleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> List.of(couldNotGather(rule, scope, failure))));
        }
        List<Finding> findings = new ArrayList<>();
        running.forEach(result -> findings.addAll(result.join()));
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::rule).thenComparing(Finding::target));
        List<DiagnosticReport.Gap> gaps = scope.gaps().list();
        return new DiagnosticReport(scope.description(), Instant.now(), gaps.isEmpty(), gaps, findings);
    }

    private DiagnosticScope scope(String cluster, String app) {
        if (cluster != null && !cluster.isBlank() && app != null && !app.isBlank()) {
            throw new FleetProblem.InvalidInput("diagnose a cluster or an application, not both");
        }
        cache.requireSynced();
        if (app != null && !app.isBlank()) {
            Application application = cache.require(DnsLabel.require("app", app));
            return new DiagnosticScope("app/" + app, List.of(application), placement.clusterOf(application).stream().toList(),
                    new Gaps());
        }
        if (cluster != null && !cluster.isBlank()) {
            Cluster target = fleet.require(DnsLabel.require("cluster", cluster));
            List<Application> apps = cache.list().stream()
                    .filter(a -> placement.clusterOf(a).map(c -> c.name().equals(target.name())).orElse(false)).toList();
            return new DiagnosticScope("cluster/" + target.name(), apps, List.of(target), new Gaps());
        }
        return new DiagnosticScope("fleet", cache.list(), fleet.clusters(), new Gaps());
    }

    private static List<Finding> checked(DiagnosticRule rule, DiagnosticScope scope) {
        try {
            return rule.check(scope);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static Finding couldNotGather(DiagnosticRule rule, DiagnosticScope scope, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Note why;
        if (cause instanceof TimeoutException) {
            why = Note.of("diag.could-not-gather.timeout");
        } else if (cause instanceof FleetProblem problem) {
            why = Note.verbatim(problem.getMessage());
        } else {
            LOG.warnf(cause, "diagnostic rule %s failed", rule.name());
            why = Note.of("diag.could-not-gather.failed", cause.getClass().getSimpleName());
        }
        scope.gaps().add("rule/" + rule.name(), why.english());
        return new Finding(rule.name(), Finding.Severity.WARNING, scope.description(), Note.of("diag.could-not-gather", why), List.of(),
                Note.of("diag.could-not-gather.remedy"));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
