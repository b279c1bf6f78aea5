package lab.miribit.fleetops.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import lab.miribit.fleetops.gitlab.GitLabConfig;

/**
 * Which verified GitLab CI job tokens may act as {@code fleet-ci}: jobs of a configured project, running for a
 * protected branch that is allowed. A merge request pipeline or a feature branch cannot sync the fleet, even
 * with a valid token of the right GitLab.
 */
@ApplicationScoped
class GitLabCiPolicy {

    private final GitLabConfig config;

    GitLabCiPolicy(GitLabConfig config) {
        this.config = config;
    }

    /** Why this job may not call fleet-ops, or empty when it may. */
    Optional<String> refusal(JsonWebToken token) {
        String project = claim(token, "project_path");
        List<String> projects = config.ci().projectPaths().orElse(List.of());
        if (project == null || projects.stream().noneMatch(allowed -> allowed.equalsIgnoreCase(project))) {
            return Optional.of("GitLab CI jobs of project " + (project == null ? "(none)" : project)
                    + " may not call fleet-ops; allowed projects are in fleet.gitlab.ci.project-paths");
        }
        String refType = claim(token, "ref_type");
        String ref = claim(token, "ref");
        if (!"branch".equals(refType)) {
            return Optional.of("GitLab CI jobs may call fleet-ops from a branch pipeline only, not for "
                    + (refType == null ? "an unknown ref type" : "a " + refType));
        }
        if (!"true".equals(claim(token, "ref_protected"))) {
            return Optional.of("branch " + ref + " is not protected in " + project
                    + "; only pipelines of protected branches may call fleet-ops");
        }
        if (ref == null || !config.ci().refs().contains(ref)) {
            return Optional.of("branch " + ref + " is not one of fleet.gitlab.ci.refs " + config.ci().refs());
        }
        return Optional.empty();
    }

    /** How the job is shown in operations and the audit trail, e.g. {@code observability/thanos-multi-cluster@main job 81}. */
    String callerName(JsonWebToken token) {
        String job = claim(token, "job_id");
        return claim(token, "project_path") + "@" + claim(token, "ref") + (job == null ? "" : " job " + job);
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof jakarta.json.JsonString string) {
            return string.getString();
        }
        // Only strings count: GitLab sends every one of these claims (ref_protected too: "true") as a string.
        return value instanceof String string ? string : null;
    }
}
