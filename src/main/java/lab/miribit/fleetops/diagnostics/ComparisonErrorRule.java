package lab.miribit.fleetops.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.argocd.Application;

/**
 * Runbook: "Repository not reachable / authentication failed" and "Kustomize or Helm render error" — both
 * surface as Argo CD {@code ComparisonError} conditions; the text tells which.
 */
@ApplicationScoped
class ComparisonErrorRule implements DiagnosticRule {

    private static final List<String> REPOSITORY = List.of("authentication required", "authentication failed",
            "repository not found", "could not read username", "permission denied", "connection refused", "no such host",
            "dial tcp", "i/o timeout", "x509:", "certificate signed by unknown authority", "unable to resolve", "403", "401");
    private static final List<String> RENDER = List.of("kustomize", "helm", "manifest generation error", "yaml:",
            "error converting yaml", "failed to unmarshal", "chart");

    @Override
    public String name() {
        return "comparison-error";
    }

    @Override
    public List<Finding> check(DiagnosticScope scope) {
        List<Finding> findings = new ArrayList<>();
        for (Application app : scope.apps()) {
            if (app.getStatus() == null || app.getStatus().conditions() == null) {
                continue;
            }
            for (Application.Condition condition : app.getStatus().conditions()) {
                if (!"ComparisonError".equals(condition.type()) || condition.message() == null) {
                    continue;
                }
                findings.add(finding(app, condition.message()));
            }
        }
        return findings;
    }

    private Finding finding(Application app, String message) {
        String text = message.toLowerCase(Locale.ROOT);
        String name = app.getMetadata().getName();
        Application.Source source = app.primarySource();
        String repo = source == null ? "?" : source.repoURL();
        List<String> evidence = List.of("condition ComparisonError: " + message, "source " + repo + " path "
                + (source == null ? "?" : source.path()) + " @ " + (source == null ? "?" : source.targetRevision()));
        if (REPOSITORY.stream().anyMatch(text::contains)) {
            return new Finding("repository-unreachable", Finding.Severity.CRITICAL, DiagnosticScope.appTarget(app),
                    Note.of("diag.repository-unreachable", name), evidence, Note.of("diag.repository-unreachable.remedy", name, repo));
        }
        if (RENDER.stream().anyMatch(text::contains)) {
            return new Finding("render-error", Finding.Severity.CRITICAL, DiagnosticScope.appTarget(app),
                    Note.of("diag.render-error", name), evidence,
                    Note.of("diag.render-error.remedy", name, source == null ? "<path>" : source.path()));
        }
        return new Finding(name(), Finding.Severity.WARNING, DiagnosticScope.appTarget(app),
                Note.of("diag.comparison-error", name), evidence, Note.verbatim("/fleet refresh " + name + " --hard"));
    }
}
