package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * GitLab on loopback, answering with the shapes of its API v4: a small repository (commits with the paths they
 * changed, branches), revert (dry run, {@code empty} when already reverted, {@code conflict} for chosen commits),
 * branches, merge requests, commit statuses; and the OIDC side of its CI: discovery and JWKS with a key this
 * class signs CI job tokens with. Failures can be queued per request ({@link #failNext}); every API request
 * is recorded.
 */
public final class GitLabStandIn implements AutoCloseable {

    public static final String PROJECT = "observability/thanos-multi-cluster";
    public static final String TOKEN = "glpat-test-0123456789abcdef";
    public static final String DEFAULT_BRANCH = "main";
    /** For {@link #failNext}: drop the connection without answering. */
    public static final int RESET = -1;

    /** One API request as received. */
    public record Request(String method, String path, String body) {
    }

    public record Commit(String id, String title, String message, Instant committedAt, List<String> paths) {
        public String shortId() {
            return id.substring(0, 8);
        }
    }

    public record Status(String sha, String state, String name, String targetUrl, String description) {
    }

    private record Failure(String method, Pattern path, Pattern requestBody, int status, String body) {
    }

    private static final Pattern PROJECT_PATH = Pattern.compile("/api/v4/projects/([^/]+)(/.*)?");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final KeyPair ciKey;
    private final Map<String, Commit> commits = new ConcurrentHashMap<>();
    private final Map<String, List<String>> branches = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> mergeRequests = new CopyOnWriteArrayList<>();
    private final List<Status> statuses = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Set<String> conflicting = ConcurrentHashMap.newKeySet();
    private int commitCounter = 100;
    private final Map<String, Long> groups = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> deployTokens = new CopyOnWriteArrayList<>();
    private volatile boolean projectExists = true;

    public GitLabStandIn() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            ciKey = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, 200, Map.of(
                "issuer", url(), "jwks_uri", url() + "/oauth/discovery/keys",
                "authorization_endpoint", url() + "/oauth/authorize", "token_endpoint", url() + "/oauth/token",
                "id_token_signing_alg_values_supported", List.of("RS256"))));
        server.createContext("/oauth/discovery/keys", exchange -> answer(exchange, 200, Map.of("keys", List.of(jwk()))));
        server.createContext("/api/v4/", this::api);
        server.start();
        reset();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Back to the seeded repository: three commits on main, no merge requests, statuses, failures or requests. */
    public synchronized void reset() {
        commits.clear();
        branches.clear();
        mergeRequests.clear();
        statuses.clear();
        requests.clear();
        failures.clear();
        conflicting.clear();
        groups.clear();
        groups.put("observability", 7L);
        deployTokens.clear();
        projectExists = true;
        List<String> main = new ArrayList<>();
        Instant start = Instant.parse("2026-11-20T09:00:00Z");
        main.add(0, add(commit("Initial fleet", start, "README.md", "deploy/overlays/cluster-01-central/root/kustomization.yaml")).id());
        main.add(0, add(commit("Raise Grafana's memory limit", start.plusSeconds(3600),
                "deploy/overlays/cluster-01-central/grafana/values.yaml")).id());
        main.add(0, add(commit("Prometheus agent: scrape Longhorn on edges", start.plusSeconds(7200),
                "deploy/overlays/cluster-03-edge/prometheus-agent/scrape.yaml",
                "deploy/overlays/cluster-04-edge/prometheus-agent/scrape.yaml")).id());
        branches.put(DEFAULT_BRANCH, main);
    }

    /** The commits of main, oldest first. */
    public List<Commit> mainCommits() {
        List<Commit> listed = new ArrayList<>(branches.get(DEFAULT_BRANCH).stream().map(commits::get).toList());
        java.util.Collections.reverse(listed);
        return listed;
    }

    public List<Commit> branch(String name) {
        List<String> ids = branches.get(name);
        return ids == null ? null : ids.stream().map(commits::get).toList();
    }

    /** A GitLab that has neither the group nor the project yet, as right after its installation. */
    public synchronized void withoutProject() {
        projectExists = false;
        groups.clear();
    }

    public boolean projectExists() {
        return projectExists;
    }

    public Map<String, Long> groups() {
        return Map.copyOf(groups);
    }

    public List<Map<String, Object>> deployTokens() {
        return List.copyOf(deployTokens);
    }

    /** Reverting this commit answers 400 {@code error_code: conflict}. */
    public void conflictOn(String sha) {
        conflicting.add(sha);
    }

    /** The next {@code times} requests of {@code method} whose path matches {@code pathRegex} get this answer. */
    public void failNext(String method, String pathRegex, int status, String body, int times) {
        failNext(method, pathRegex, ".*", status, body, times);
    }

    /** The same, only for requests whose body matches {@code requestBodyRegex} (e.g. a revert that is no dry run). */
    public synchronized void failNext(String method, String pathRegex, String requestBodyRegex, int status, String body, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(method, Pattern.compile(pathRegex), Pattern.compile(requestBodyRegex, Pattern.DOTALL), status, body));
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Status> statuses() {
        return List.copyOf(statuses);
    }

    public List<Map<String, Object>> mergeRequests() {
        return List.copyOf(mergeRequests);
    }

    /** A CI job token as GitLab issues it for {@code id_tokens} with {@code aud: fleet-ops}, on a protected main. */
    public JwtClaimsBuilder ciClaims() {
        return Jwt.issuer(url()).audience("fleet-ops").subject("project_path:" + PROJECT + ":ref_type:branch:ref:main")
                .claim("namespace_path", "observability").claim("project_id", "42").claim("project_path", PROJECT)
                .claim("user_login", "alice").claim("pipeline_source", "push").claim("ref", "main")
                .claim("ref_type", "branch").claim("ref_protected", "true").claim("job_id", "8101")
                .claim("sha", mainCommits().get(mainCommits().size() - 1).id()).expiresIn(300);
    }

    public String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("gitlab-ci-key").sign(ciKey.getPrivate());
    }

    private Commit commit(String title, Instant at, String... paths) {
        String id;
        try {
            id = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest((title + at + commitCounter++).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Commit(id, title, title, at, List.of(paths));
    }

    private Commit add(Commit commit) {
        commits.put(commit.id(), commit);
        return commit;
    }

    private void api(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(new Request(method, rawPath, body));
        Failure failure = takeFailure(method, rawPath, body);
        if (failure != null && failure.status() == RESET) {
            // The connection is dropped without an answer, as by a proxy restarting in front of GitLab.
            exchange.getResponseBody().close();
            exchange.close();
            return;
        }
        if (failure != null) {
            answerRaw(exchange, failure.status(), failure.body());
            return;
        }
        if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"))) {
            answer(exchange, 401, Map.of("message", "401 Unauthorized"));
            return;
        }
        JsonNode posted = body.isBlank() ? json.createObjectNode() : json.readTree(body);
        if (rawPath.startsWith("/api/v4/groups")) {
            synchronized (this) {
                groupsApi(exchange, method, rawPath, posted);
            }
            return;
        }
        if (rawPath.equals("/api/v4/projects") && method.equals("POST")) {
            synchronized (this) {
                createProject(exchange, posted);
            }
            return;
        }
        Matcher project = PROJECT_PATH.matcher(rawPath);
        if (!project.matches() || !projectExists || !PROJECT.equals(URLDecoder.decode(project.group(1), StandardCharsets.UTF_8))) {
            answer(exchange, 404, Map.of("message", "404 Project Not Found"));
            return;
        }
        String rest = project.group(2) == null ? "" : project.group(2);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        JsonNode input = body.isBlank() ? json.createObjectNode() : json.readTree(body);
        synchronized (this) {
            route(exchange, method, rest, query, input);
        }
    }

    private void route(HttpExchange exchange, String method, String rest, Map<String, String> query, JsonNode input)
            throws IOException {
        Matcher m;
        if (method.equals("GET") && rest.isEmpty()) {
            answer(exchange, 200, Map.of("id", 42, "path_with_namespace", PROJECT, "default_branch", DEFAULT_BRANCH,
                    "http_url_to_repo", "http://gitlab.k8s-cluster-01.miribit.lab/" + PROJECT + ".git"));
        } else if (method.equals("GET") && rest.equals("/repository/commits")) {
            listCommits(exchange, query);
        } else if ((m = match("/repository/commits/([^/]+)/diff", rest)) != null && method.equals("GET")) {
            Commit commit = find(m.group(1));
            if (commit == null) {
                answer(exchange, 404, Map.of("message", "404 Commit Not Found"));
            } else {
                int page = Integer.parseInt(query.getOrDefault("page", "1"));
                List<Map<String, Object>> diffs = page > 1 ? List.of() : commit.paths().stream()
                        .map(path -> Map.<String, Object>of("old_path", path, "new_path", path, "diff", "@@ -1 +1 @@"))
                        .toList();
                answer(exchange, 200, diffs);
            }
        } else if ((m = match("/repository/commits/([^/]+)/revert", rest)) != null && method.equals("POST")) {
            revert(exchange, m.group(1), input.path("branch").asText(null), input.path("dry_run").asBoolean(false));
        } else if ((m = match("/repository/commits/([^/]+)", rest)) != null && method.equals("GET")) {
            Commit commit = find(m.group(1));
            if (commit == null) {
                answer(exchange, 404, Map.of("message", "404 Commit Not Found"));
            } else {
                answer(exchange, 200, commitJson(commit));
            }
        } else if ((m = match("/repository/branches/([^/]+)", rest)) != null && method.equals("GET")) {
            String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            if (branches.containsKey(name)) {
                answer(exchange, 200, Map.of("name", name, "commit", commitJson(commits.get(branches.get(name).get(0)))));
            } else {
                answer(exchange, 404, Map.of("message", "404 Branch Not Found"));
            }
        } else if (rest.equals("/repository/branches") && method.equals("POST")) {
            String name = input.path("branch").asText();
            List<String> from = branches.get(input.path("ref").asText());
            if (branches.containsKey(name)) {
                answer(exchange, 400, Map.of("message", "Branch already exists"));
            } else if (from == null) {
                answer(exchange, 400, Map.of("message", "Invalid reference name: " + input.path("ref").asText()));
            } else {
                branches.put(name, new ArrayList<>(from));
                answer(exchange, 201, Map.of("name", name, "commit", commitJson(commits.get(from.get(0)))));
            }
        } else if (rest.equals("/merge_requests") && method.equals("GET")) {
            answer(exchange, 200, mergeRequests.stream()
                    .filter(mr -> mr.get("state").equals(query.getOrDefault("state", mr.get("state").toString())))
                    .filter(mr -> mr.get("source_branch").equals(query.getOrDefault("source_branch", mr.get("source_branch").toString())))
                    .toList());
        } else if (rest.equals("/merge_requests") && method.equals("POST")) {
            Map<String, Object> mr = new LinkedHashMap<>();
            int iid = mergeRequests.size() + 1;
            mr.put("id", 5000 + iid);
            mr.put("iid", iid);
            mr.put("title", input.path("title").asText());
            mr.put("description", input.path("description").asText());
            mr.put("state", "opened");
            mr.put("source_branch", input.path("source_branch").asText());
            mr.put("target_branch", input.path("target_branch").asText());
            mr.put("web_url", "http://gitlab.k8s-cluster-01.miribit.lab/" + PROJECT + "/-/merge_requests/" + iid);
            mergeRequests.add(mr);
            answer(exchange, 201, mr);
        } else if (rest.equals("/deploy_tokens") && method.equals("POST")) {
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("id", deployTokens.size() + 1);
            token.put("name", input.path("name").asText());
            token.put("username", "gitlab+deploy-token-" + (deployTokens.size() + 1));
            token.put("token", "gldt-" + java.util.UUID.randomUUID());
            token.put("scopes", json.convertValue(input.path("scopes"), List.class));
            deployTokens.add(token);
            answer(exchange, 201, token);
        } else if ((m = match("/statuses/([0-9a-f]+)", rest)) != null && method.equals("POST")) {
            Status status = new Status(m.group(1), input.path("state").asText(), input.path("name").asText(),
                    input.path("target_url").asText(null), input.path("description").asText(null));
            statuses.add(status);
            answer(exchange, 201, Map.of("id", statuses.size(), "sha", status.sha(), "status", status.state(),
                    "name", status.name()));
        } else {
            answer(exchange, 404, Map.of("error", "404 Not Found"));
        }
    }

    private void groupsApi(HttpExchange exchange, String method, String rawPath, JsonNode input) throws IOException {
        if (method.equals("POST") && rawPath.equals("/api/v4/groups")) {
            String path = input.path("path").asText();
            if (groups.containsKey(path)) {
                answer(exchange, 400, Map.of("message", Map.of("path", List.of("has already been taken"))));
                return;
            }
            long id = 100 + groups.size();
            groups.put(path, id);
            answer(exchange, 201, Map.of("id", id, "path", path, "full_path", path));
            return;
        }
        String path = URLDecoder.decode(rawPath.substring("/api/v4/groups/".length()), StandardCharsets.UTF_8);
        Long id = groups.get(path);
        if (method.equals("GET") && id != null) {
            answer(exchange, 200, Map.of("id", id, "path", path, "full_path", path));
        } else {
            answer(exchange, 404, Map.of("message", "404 Group Not Found"));
        }
    }

    private void createProject(HttpExchange exchange, JsonNode input) throws IOException {
        long namespace = input.path("namespace_id").asLong();
        String group = groups.entrySet().stream().filter(e -> e.getValue() == namespace).map(Map.Entry::getKey).findFirst().orElse(null);
        if (group == null) {
            answer(exchange, 404, Map.of("message", "404 Namespace Not Found"));
        } else if (projectExists && PROJECT.equals(group + "/" + input.path("path").asText())) {
            answer(exchange, 400, Map.of("message", Map.of("name", List.of("has already been taken"))));
        } else {
            projectExists = true;
            answer(exchange, 201, Map.of("id", 42, "path_with_namespace", group + "/" + input.path("path").asText(),
                    "default_branch", DEFAULT_BRANCH));
        }
    }

    private void listCommits(HttpExchange exchange, Map<String, String> query) throws IOException {
        List<String> ids = branches.get(query.getOrDefault("ref_name", DEFAULT_BRANCH));
        if (ids == null) {
            answer(exchange, 404, Map.of("message", "404 Not Found"));
            return;
        }
        Instant since = query.containsKey("since") ? Instant.parse(query.get("since")) : Instant.EPOCH;
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "20"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        List<Map<String, Object>> listed = ids.stream().map(commits::get).filter(c -> !c.committedAt().isBefore(since))
                .skip((long) (page - 1) * perPage).limit(perPage).map(this::commitJson).toList();
        answer(exchange, 200, listed);
    }

    private void revert(HttpExchange exchange, String sha, String branch, boolean dryRun) throws IOException {
        Commit commit = find(sha);
        List<String> target = branch == null ? null : branches.get(branch);
        if (commit == null) {
            answer(exchange, 404, Map.of("message", "404 Commit Not Found"));
        } else if (target == null) {
            answer(exchange, 404, Map.of("message", "404 Branch Not Found"));
        } else if (target.stream().map(commits::get).anyMatch(c -> c.message().contains("This reverts commit " + commit.id()))) {
            answer(exchange, 400, Map.of("message", changeFailed(), "error_code", "empty"));
        } else if (conflicting.contains(commit.id())) {
            answer(exchange, 400, Map.of("message", changeFailed(), "error_code", "conflict"));
        } else if (dryRun) {
            answer(exchange, 200, Map.of("dry_run", "success"));
        } else {
            Commit last = commits.get(target.get(0));
            Commit revert = add(new Commit(commit("Revert " + commit.title(), last.committedAt().plusSeconds(60)).id(),
                    "Revert \"" + commit.title() + "\"", "Revert \"" + commit.title() + "\"\n\nThis reverts commit " + commit.id() + ".",
                    last.committedAt().plusSeconds(60), commit.paths()));
            target.add(0, revert.id());
            answer(exchange, 201, commitJson(revert));
        }
    }

    private static String changeFailed() {
        return "Commit revert failed: Can't perform this action automatically. It may have already been done, or a more"
                + " recent commit may have updated some of this content. Please perform this action locally.";
    }

    private Commit find(String sha) {
        return commits.values().stream().filter(c -> c.id().startsWith(sha)).findFirst().orElse(null);
    }

    private Map<String, Object> commitJson(Commit commit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", commit.id());
        out.put("short_id", commit.shortId());
        out.put("title", commit.title());
        out.put("message", commit.message());
        out.put("author_name", "Alice");
        out.put("committed_date", commit.committedAt().atOffset(java.time.ZoneOffset.ofHours(9)).toString());
        out.put("web_url", "http://gitlab.k8s-cluster-01.miribit.lab/" + PROJECT + "/-/commit/" + commit.id());
        return out;
    }

    private synchronized Failure takeFailure(String method, String path, String body) {
        for (Failure failure : failures) {
            if (failure.method().equals(method) && failure.path().matcher(path).find()
                    && failure.requestBody().matcher(body).matches()) {
                failures.remove(failure);
                return failure;
            }
        }
        return null;
    }

    private static Matcher match(String regex, String rest) {
        Matcher m = Pattern.compile(regex).matcher(rest);
        return m.matches() ? m : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private Map<String, Object> jwk() {
        RSAPublicKey key = (RSAPublicKey) ciKey.getPublic();
        return Map.of("kty", "RSA", "kid", "gitlab-ci-key", "use", "sig", "alg", "RS256",
                "n", base64Url(key.getModulus()), "e", base64Url(key.getPublicExponent()));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void answerRaw(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/html");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
