package lab.miribit.fleetops.gitlab;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A GitLab push or tag push webhook payload, reduced to what a GitOps rollout needs.
 *
 * @param changedPaths every path the pushed commits added, modified or removed; null when GitLab left commits
 *                     out of the payload (it lists at most 20), so the paths are not all known
 */
public record PushEvent(String repoURL, String ref, String defaultBranch, String before, String after, String user,
        List<String> changedPaths) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

    /** Whether the push left a commit behind (a deleted branch or tag leaves none, and there is nothing to refresh). */
    public boolean deletes() {
        return after == null || NO_COMMIT.equals(after);
    }

    /**
     * The pushed branch or tag as Argo CD's webhook names it (webhook.go ParseRevision: the part after
     * {@code refs/heads/} or {@code refs/tags/}).
     */
    public String pushed() {
        if (ref == null) {
            return null;
        }
        String[] parts = ref.split("/", 3);
        return parts[parts.length - 1];
    }

    /**
     * @return the push, or null when the payload is some other event
     * @throws IllegalArgumentException when the body is not a GitLab push payload
     */
    public static PushEvent parse(byte[] body) {
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String kind = payload.path("object_kind").asText();
        if (!"push".equals(kind) && !"tag_push".equals(kind)) {
            return null;
        }
        JsonNode project = payload.path("project");
        String repoURL = project.path("git_http_url").asText(payload.path("repository").path("git_http_url").asText(null));
        if (repoURL == null) {
            throw new IllegalArgumentException("the push names no repository (project.git_http_url)");
        }
        JsonNode commits = payload.path("commits");
        Set<String> paths = new LinkedHashSet<>();
        commits.forEach(commit -> {
            for (String change : List.of("added", "modified", "removed")) {
                commit.path(change).forEach(path -> paths.add(path.asText()));
            }
        });
        int total = payload.path("total_commits_count").asInt(commits.size());
        boolean complete = total <= commits.size() && !paths.isEmpty();
        return new PushEvent(repoURL, payload.path("ref").asText(null), project.path("default_branch").asText(null),
                payload.path("before").asText(null), payload.path("after").asText(null),
                payload.path("user_username").asText(null), complete ? List.copyOf(paths) : null);
    }
}
