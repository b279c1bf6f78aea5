package lab.miribit.fleetops.gitlab;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link GitLab} over GitLab's REST API v4 with the JDK's HTTP client. Not gitlab4j: its
 * {@code GitLabApiException} keeps only {@code message} and drops {@code error_code}, and a revert's
 * {@code empty} and {@code conflict} answers share one message, so only the raw answer tells them apart
 * (it also keeps Jersey and HK2 out of the native image).
 */
@ApplicationScoped
class GitLabHttp implements GitLab {

    private static final Logger LOG = Logger.getLogger(GitLabHttp.class);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 20;
    private static final int MAX_MESSAGE = 300;

    private final GitLabConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private volatile String defaultBranch;

    GitLabHttp(GitLabConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean configured() {
        return config.url().isPresent() && config.token().filter(token -> !token.isBlank()).isPresent();
    }

    @Override
    public String defaultBranch() {
        String known = defaultBranch;
        if (known == null) {
            JsonNode project = read("GET", projectPath(""), null).orElseThrow(() -> new GitLabFailure(
                    GitLabFailure.Kind.NOT_FOUND, "GitLab has no project " + config.project()
                            + " (or the token cannot see it); check fleet.gitlab.project"));
            known = project.path("default_branch").asText("main");
            defaultBranch = known;
        }
        return known;
    }

    @Override
    public Optional<GitCommit> commit(String sha) {
        return read("GET", projectPath("/repository/commits/" + encode(sha)), null).map(GitLabHttp::commitOf);
    }

    @Override
    public List<String> changedPaths(String sha) {
        Set<String> paths = new LinkedHashSet<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode diffs = read("GET", projectPath("/repository/commits/" + encode(sha) + "/diff?per_page=" + PAGE
                    + "&page=" + page), null).orElseThrow(() -> notFound("commit " + sha));
            diffs.forEach(diff -> {
                paths.add(diff.path("old_path").asText());
                paths.add(diff.path("new_path").asText());
            });
            if (diffs.size() < PAGE) {
                break;
            }
        }
        paths.remove("");
        return List.copyOf(paths);
    }

    @Override
    public List<GitCommit> commitsSince(String branch, Instant since, int limit) {
        List<GitCommit> commits = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES && commits.size() < limit; page++) {
            JsonNode listed = read("GET", projectPath("/repository/commits?ref_name=" + encode(branch) + "&since="
                    + encode(since.toString()) + "&per_page=" + PAGE + "&page=" + page), null)
                    .orElseThrow(() -> notFound("branch " + branch));
            listed.forEach(commit -> commits.add(commitOf(commit)));
            if (listed.size() < PAGE) {
                break;
            }
        }
        return commits.size() > limit ? List.copyOf(commits.subList(0, limit)) : List.copyOf(commits);
    }

    @Override
    public void checkRevert(String sha, String branch) {
        // A dry run changes nothing, so it is retried like a read.
        read("POST", projectPath("/repository/commits/" + encode(sha) + "/revert"),
                Map.of("branch", branch, "dry_run", true)).orElseThrow(() -> notFound("commit " + sha));
    }

    @Override
    public GitCommit revert(String sha, String branch) {
        return commitOf(write("POST", projectPath("/repository/commits/" + encode(sha) + "/revert"),
                Map.of("branch", branch)));
    }

    @Override
    public boolean branchExists(String branch) {
        return read("GET", projectPath("/repository/branches/" + encode(branch)), null).isPresent();
    }

    @Override
    public void createBranch(String branch, String fromRef) {
        write("POST", projectPath("/repository/branches"), Map.of("branch", branch, "ref", fromRef));
    }

    @Override
    public Optional<MergeRequest> openMergeRequest(String sourceBranch) {
        JsonNode open = read("GET", projectPath("/merge_requests?state=opened&source_branch=" + encode(sourceBranch)),
                null).orElseThrow(() -> notFound("project " + config.project()));
        return open.isArray() && !open.isEmpty() ? Optional.of(mergeRequestOf(open.get(0))) : Optional.empty();
    }

    @Override
    public MergeRequest createMergeRequest(String sourceBranch, String targetBranch, String title, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_branch", sourceBranch);
        body.put("target_branch", targetBranch);
        body.put("title", title);
        body.put("description", description);
        body.put("remove_source_branch", true);
        return mergeRequestOf(write("POST", projectPath("/merge_requests"), body));
    }

    @Override
    public void setCommitStatus(String sha, CommitState state, String name, String targetUrl, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state.apiName());
        body.put("name", name);
        if (targetUrl != null) {
            body.put("target_url", targetUrl);
        }
        body.put("description", truncate(description, 255));
        write("POST", projectPath("/statuses/" + encode(sha)), body);
    }

    @Override
    public boolean projectExists(String projectPath) {
        return read("GET", "/projects/" + encode(projectPath), null).isPresent();
    }

    @Override
    public Optional<Long> groupId(String groupPath) {
        return read("GET", "/groups/" + encode(groupPath), null).map(group -> group.path("id").asLong());
    }

    @Override
    public long createGroup(String groupPath) {
        if (groupPath.contains("/")) {
            throw new GitLabFailure(GitLabFailure.Kind.REFUSED, "fleet-ops creates top-level groups only; create "
                    + groupPath.substring(0, groupPath.lastIndexOf('/')) + " first");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", groupPath);
        body.put("path", groupPath);
        body.put("visibility", "private");
        return write("POST", "/groups", body).path("id").asLong();
    }

    @Override
    public void createProject(long namespaceId, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("path", name);
        body.put("namespace_id", namespaceId);
        body.put("visibility", "private");
        body.put("initialize_with_readme", true);
        write("POST", "/projects", body);
    }

    @Override
    public DeployToken createDeployToken(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scopes", List.of("read_repository"));
        JsonNode token = write("POST", projectPath("/deploy_tokens"), body);
        return new DeployToken(token.path("username").asText(), token.path("token").asText());
    }

    /** A request that changes nothing: retried with backoff when GitLab is unavailable; 404 is empty. */
    private Optional<JsonNode> read(String method, String path, Map<String, Object> body) {
        long backoff = config.retryBackoff().toMillis();
        int attempts = Math.max(1, config.readAttempts());
        for (int attempt = 1;; attempt++) {
            try {
                return exchange(method, path, body);
            } catch (GitLabFailure failure) {
                if (failure.kind() != GitLabFailure.Kind.UNAVAILABLE || attempt >= attempts) {
                    throw failure;
                }
                LOG.debugf("GitLab unavailable (%s), read attempt %d of %d", failure.getMessage(), attempt, attempts);
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    /** A request that changes something: tried once, since a lost answer may hide a done change. */
    private JsonNode write(String method, String path, Map<String, Object> body) {
        try {
            return exchange(method, path, body).orElseThrow(() -> notFound("the target of " + method + " " + describe(path)));
        } catch (GitLabFailure failure) {
            if (failure.kind() != GitLabFailure.Kind.UNAVAILABLE) {
                throw failure;
            }
            throw new GitLabFailure(GitLabFailure.Kind.UNAVAILABLE, failure.getMessage() + "; the change may have been made"
                    + " all the same: asking again finds it instead of making it twice");
        }
    }

    private Optional<JsonNode> exchange(String method, String path, Map<String, Object> body) {
        URI base = config.url().orElseThrow(() -> notConfigured());
        String token = config.token().filter(t -> !t.isBlank()).orElseThrow(() -> notConfigured());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(base.toString()) + "/api/v4" + path))
                .timeout(config.requestTimeout()).header("PRIVATE-TOKEN", token).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GitLabFailure(GitLabFailure.Kind.UNAVAILABLE, "GitLab did not answer " + method + " "
                    + describe(path) + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitLabFailure(GitLabFailure.Kind.UNAVAILABLE, "interrupted while waiting for GitLab");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Optional.of(parse(response.body()));
        }
        if (status == 404) {
            return Optional.empty();
        }
        JsonNode error = parseQuietly(response.body());
        String gitlabMessage = truncate(messageOf(error), MAX_MESSAGE);
        String where = method + " " + describe(path);
        if (status == 401 || status == 403) {
            throw new GitLabFailure(GitLabFailure.Kind.UNAUTHORIZED, "GitLab refused fleet-ops' token (" + status
                    + ") for " + where + "; check fleet.gitlab.token and its api scope");
        }
        if (status >= 500) {
            throw new GitLabFailure(GitLabFailure.Kind.UNAVAILABLE, "GitLab answered " + status + " to " + where);
        }
        String errorCode = error.path("error_code").asText(null);
        if (errorCode != null || status == 400 || status == 409 || status == 422) {
            throw new GitLabFailure(GitLabFailure.Kind.REFUSED, errorCode, gitlabMessage.isEmpty()
                    ? "GitLab refused " + where + " (" + status + ")" : gitlabMessage);
        }
        throw new GitLabFailure(GitLabFailure.Kind.UNEXPECTED, "GitLab answered " + status + " to " + where);
    }

    private String projectPath(String rest) {
        return "/projects/" + encode(config.project()) + rest;
    }

    /** The request path without its query, for messages. */
    private static String describe(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static GitCommit commitOf(JsonNode commit) {
        return new GitCommit(commit.path("id").asText(), commit.path("short_id").asText(), commit.path("title").asText(),
                commit.path("message").asText(), commit.path("web_url").asText(null),
                instantOf(commit.path("committed_date").asText(null)));
    }

    private static MergeRequest mergeRequestOf(JsonNode mr) {
        return new MergeRequest(mr.path("iid").asLong(), mr.path("title").asText(), mr.path("web_url").asText(null),
                mr.path("source_branch").asText());
    }

    private static Instant instantOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String messageOf(JsonNode error) {
        JsonNode message = error.path("message");
        if (message.isTextual()) {
            return message.asText();
        }
        if (message.isContainerNode()) {
            return message.toString();
        }
        return error.path("error").asText("");
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new GitLabFailure(GitLabFailure.Kind.UNEXPECTED, "GitLab answered with something that is not JSON");
        }
    }

    private JsonNode parseQuietly(String body) {
        try {
            return parse(body);
        } catch (GitLabFailure e) {
            return json.createObjectNode();
        }
    }

    private String toJson(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String truncate(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private GitLabFailure notFound(String what) {
        return new GitLabFailure(GitLabFailure.Kind.NOT_FOUND, "GitLab has no " + what + " in " + config.project());
    }

    private static GitLabFailure notConfigured() {
        return new GitLabFailure(GitLabFailure.Kind.NOT_CONFIGURED,
                "GitLab is not configured: set fleet.gitlab.url and fleet.gitlab.token");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitLabFailure(GitLabFailure.Kind.UNAVAILABLE, "interrupted while waiting to retry GitLab");
        }
    }
}
