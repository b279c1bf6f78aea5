package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.argocd.Application;

/** Runbook: "Application OutOfSync" — which resources differ from Git, and whether some must be pruned. */
@ApplicationScoped
class OutOfSyncRule implements DiagnosticRule {

    @Override
    public String name() {
        return "application-out-of-sync";
    }

    @Override
    public List<Finding> check(DiagnosticScope scope) {
        List<Finding> findings = new ArrayList<>();
        for (Application app : scope.apps()) {
            Application.Status status = app.getStatus();
            if (status == null || status.sync() == null || !"OutOfSync".equals(status.sync().status())) {
                continue;
            }
            List<String> evidence = new ArrayList<>();
            boolean prune = false;
            if (status.resources() != null) {
                for (Application.ResourceStatus resource : status.resources()) {
                    if ("OutOfSync".equals(resource.status())) {
                        boolean extra = Boolean.TRUE.equals(resource.requiresPruning());
                        prune |= extra;
                        evidence.add(resource.kind() + " " + (resource.namespace() == null ? "" : resource.namespace() + "/")
                                + resource.name() + (extra ? " is no longer in Git (needs pruning)" : " differs from Git"));
                    }
                }
            }
            String name = app.getMetadata().getName();
            boolean auto = app.autoSyncEnabled();
            evidence.add(auto ? "automated sync is on: Argo CD should correct it by itself; if it does not, a sync error holds it"
                    : "automated sync is off: nothing syncs it until someone does");
            findings.add(new Finding(name(), Finding.Severity.WARNING, DiagnosticScope.appTarget(app),
                    Note.of("diag.out-of-sync", name, status.sync().revision() == null ? Note.of("diag.out-of-sync.target-revision")
                            : status.sync().revision().substring(0, Math.min(12, status.sync().revision().length()))),
                    evidence, Note.verbatim("/fleet sync " + name + (prune ? " --prune" : "") + "   (or POST /api/v1/apps/" + name + "/sync"
                            + (prune ? " {\"prune\":true}" : "") + ")")));
        }
        return findings;
    }
}
