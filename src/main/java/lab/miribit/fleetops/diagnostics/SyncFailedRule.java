package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.argocd.Application;

/** Runbook: "Sync failed" — Argo CD's message and the resources that failed to apply. */
@ApplicationScoped
class SyncFailedRule implements DiagnosticRule {

    @Override
    public String name() {
        return "sync-failed";
    }

    @Override
    public List<Finding> check(DiagnosticScope scope) {
        List<Finding> findings = new ArrayList<>();
        for (Application app : scope.apps()) {
            Application.OperationState state = app.getStatus() == null ? null : app.getStatus().operationState();
            if (state == null || !("Failed".equals(state.phase()) || "Error".equals(state.phase()))) {
                continue;
            }
            List<String> evidence = new ArrayList<>();
            evidence.add("operation " + state.phase() + " at " + state.finishedAt() + ": " + state.message());
            if (state.syncResult() != null && state.syncResult().resources() != null) {
                for (Application.SyncResultResource resource : state.syncResult().resources()) {
                    if (!"Synced".equals(resource.status()) && !"Pruned".equals(resource.status())) {
                        evidence.add(resource.kind() + " " + resource.name() + ": " + resource.status()
                                + (resource.message() == null ? "" : " — " + resource.message()));
                    }
                }
            }
            if (app.getStatus().conditions() != null) {
                app.getStatus().conditions().stream().filter(c -> "SyncError".equals(c.type()))
                        .forEach(c -> evidence.add("condition SyncError: " + c.message()));
            }
            String name = app.getMetadata().getName();
            findings.add(new Finding(name(), Finding.Severity.CRITICAL, DiagnosticScope.appTarget(app),
                    Note.of("diag.sync-failed", name), evidence, Note.of("diag.sync-failed.remedy", name)));
        }
        return findings;
    }
}
